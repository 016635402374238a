namespace Snippets;

// docs/wire-format.md: requests in, decisions out, as JSON.
// begin-snippet: wire-format
using System.Text.Json;
using ScreenPopup;
using ScreenPopup.Serialization;

static class PopupEndpoint
{
    public static string Decide(IPopupEvaluator evaluator, string requestJson)
    {
        PopupRequest request;
        try
        {
            request = PopupJson.DeserializeRequest(requestJson);
        }
        catch (PopupJsonException e)
        {
            return JsonSerializer.Serialize(new { error = e.Message });   // names the JSON path, line and position
        }

        return PopupJson.Serialize(evaluator.Evaluate(request));   // secrets masked where they must be
    }

    // The same contract for System.Text.Json callers (ASP.NET Core's JsonOptions, say):
    public static PopupRequest? Read(string json) => JsonSerializer.Deserialize(json, PopupJson.RequestTypeInfo);
}
// end-snippet
