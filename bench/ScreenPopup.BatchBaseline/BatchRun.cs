using System.Text.Json;
using ScreenPopup.Cli.JsonLines;
using ScreenPopup.Serialization;

namespace ScreenPopup.BatchBaseline;

/// <summary>
/// The native side of the batch comparison: what a C# developer would write by hand for <c>screenpopup evaluate
/// --request FILE.jsonl --script bench/batch/reference.js</c>. It streams the requests (bytes, line by line), reads each
/// with the library's wire contract, decides in plain C# (<see cref="ReferenceDecisions"/>, no script engine), and
/// writes each decision with the wire contract as one compact line through one buffered writer, flushed at the end.
/// </summary>
internal static class BatchRun
{
    /// <summary>Prints the decision of every request of <paramref name="file"/> (<c>-</c>: stdin) on stdout.</summary>
    /// <returns>0; 1 when a decision is an error (as the tool's exit code); 2 when the input cannot be read, is not a request, or is one this baseline does not mirror.</returns>
    public static int Run(string file, TextWriter error)
    {
        Stream input;
        try
        {
            input = file == "-"
                ? Console.OpenStandardInput()
                : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan); // the reader buffers
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ScreenPopup.BatchBaseline: {file}: {e.Message}");
            return 2;
        }

        using (input)
        using (var output = new JsonLinesWriter(Console.OpenStandardOutput(), PopupJson.Options.Encoder))
        {
            var reader = new JsonLinesReader(input);
            var decisions = new ReferenceDecisions();
            var anyError = false;
            var requests = 0;
            while (reader.TryReadLine(out var line))
            {
                if (line.IndexOfAnyExcept(" \t\r\f\v"u8) < 0)
                {
                    continue;
                }

                PopupRequest? request;
                try
                {
                    request = JsonSerializer.Deserialize(line, PopupJson.RequestTypeInfo);
                }
                catch (JsonException e)
                {
                    output.Flush();
                    error.WriteLine($"ScreenPopup.BatchBaseline: {file}:{reader.LineNumber}: {e.Message}");
                    return 2;
                }

                if (request is null)
                {
                    output.Flush();
                    error.WriteLine($"ScreenPopup.BatchBaseline: {file}:{reader.LineNumber}: the request is null");
                    return 2;
                }

                PopupDecision decision;
                try
                {
                    decision = decisions.Decide(request);
                }
                catch (NotSupportedException e)
                {
                    output.Flush();
                    error.WriteLine($"ScreenPopup.BatchBaseline: {file}:{reader.LineNumber}: {e.Message}");
                    return 2;
                }

                anyError |= decision.Action == PopupAction.Error;
                output.WriteLine(decision, PopupJson.DecisionTypeInfo);
                requests++;
            }

            output.Flush();
            if (requests == 0)
            {
                error.WriteLine($"ScreenPopup.BatchBaseline: {file}: the file holds no request");
                return 2;
            }

            return anyError ? 1 : 0;
        }
    }
}
