using ScreenPopup.BatchBaseline;

// dotnet ScreenPopup.BatchBaseline.dll FILE.jsonl          decisions of bench/batch/reference.js, one JSON line each, on stdout
// dotnet ScreenPopup.BatchBaseline.dll -                   the same, reading the requests from stdin
// dotnet ScreenPopup.BatchBaseline.dll generate N FILE.jsonl   N requests for it (fixed seed)
return args switch
{
    ["generate", var count, var file] when int.TryParse(count, out var n) && n > 0 => RequestGenerator.Write(n, file),
    [var file] when file != "generate" => BatchRun.Run(file, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ScreenPopup.BatchBaseline FILE.jsonl | -
               ScreenPopup.BatchBaseline generate N FILE.jsonl

        The first form prints, for each request of FILE.jsonl (or stdin), the decision screenpopup evaluate gives with
        bench/batch/reference.js, decided in plain C#. The second writes N requests (a fixed seed: the same file every time).
        """);
    return 2;
}
