namespace ScreenPopup.Demo;

/// <summary>Prints decisions as a plain-text table, one interaction a row.</summary>
internal sealed class ShiftTable
{
    private static readonly string[] Headers = ["time", "trigger", "role", "channel", "service", "caller", "decision", "where / why"];
    private readonly List<string[]> _rows = [];

    public void Add(string time, PopupRequest request, PopupDecision decision)
    {
        var channel = request.Channel == PopupChannel.Custom ? $"custom:{request.Call.ChannelId}" : Name(request.Channel);
        _rows.Add([time, Name(request.Trigger), Name(request.Role), channel, request.Call.Service, Shorten(request.Call.Cli, 18), Outcome(decision), Detail(decision)]);
    }

    public void Print(TextWriter output)
    {
        var widths = Headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(Format(Headers, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            output.WriteLine(Format(row, widths));
        }
    }

    private static string Outcome(PopupDecision decision) =>
        decision.Reason is { } reason ? $"{Name(decision.Action)}/{Name(reason)}" : Name(decision.Action);

    private static string Detail(PopupDecision decision)
    {
        if (decision.Action != PopupAction.Open)
        {
            return Shorten(decision.Message ?? "", 90);
        }

        var web = decision.WebClient!;
        var where = web.Target switch
        {
            WebClientTarget.NamedTab => $"tab '{web.TabName}'{(web.Focus ? "" : " (background)")}",
            WebClientTarget.NewTab => "new tab",
            _ => "iframe",
        };
        var pending = decision.PendingPlaceholders.Count > 0 ? $" pending: {string.Join(", ", decision.PendingPlaceholders)}" : "";
        var url = decision.UrlContainsSecret ? "(the URL carries a secret: not printed)" : decision.Url!;
        return $"{where}, {Name(decision.TvoxClient!.Target)}: {Shorten(url, 70)}{pending}";
    }

    private static string Name<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Format(string[] cells, int[] widths) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
