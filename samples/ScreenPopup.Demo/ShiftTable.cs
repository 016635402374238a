using ScreenPopup.Serialization;
using Spectre.Console;

namespace ScreenPopup.Demo;

/// <summary>Shows decisions as a table (Spectre.Console), one interaction a row; caller data goes in as text, never as markup.</summary>
internal sealed class ShiftTable
{
    private readonly Table _table = new Table().AddColumns("time", "trigger", "role", "channel", "service", "caller", "decision", "where / why");

    public void Add(string time, PopupRequest request, PopupDecision decision)
    {
        var channel = request.Channel == PopupChannel.Custom ? $"custom:{request.Call.ChannelId}" : PopupJson.WireName(request.Channel);
        string[] cells = [time, PopupJson.WireName(request.Trigger), PopupJson.WireName(request.Role), channel, request.Call.Service, Shorten(request.Call.Cli, 18), Outcome(decision), Detail(decision)];
        _table.AddRow(cells.Select(cell => new Text(cell)));
    }

    public void Print(IAnsiConsole console) => console.Write(_table);

    private static string Outcome(PopupDecision decision) =>
        decision.Reason is { } reason ? $"{PopupJson.WireName(decision.Action)}/{PopupJson.WireName(reason)}" : PopupJson.WireName(decision.Action);

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
        return $"{where}, {PopupJson.WireName(decision.TvoxClient!.Target)}: {Shorten(url, 70)}{pending}";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
