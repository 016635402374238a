using FsCheck;
using FsCheck.Fluent;

namespace ScreenPopup.Tests;

/// <summary>Properties over generated inputs: the binder, the URL check and the presentation rule hold for any data.</summary>
public sealed class PropertyTests
{
    private static readonly PopupEvaluator Evaluator = TestEvaluators.ForScript("""
        function popup(call) {
          var d = JSON.parse(call.CALL_CHANNELDATA);
          return { onAnswer: d.url, webClientOpenNewTab: d.newTab, webClientTabName: d.tab };
        }
        """);

    [Fact]
    public void Bind_AnyValue_IsPercentEncodedAndDecodesBackExactly()
    {
        Prop.ForAll<NonEmptyString>(value =>
        {
            var text = value.Get;
            var binding = AgentPlaceholders.Bind("https://x.example/?u={$USERNAME}&t=1", new AgentVariables { Username = text });
            var bound = binding.Url["https://x.example/?u=".Length..^"&t=1".Length];
            var wellFormed = bound.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '%');
            var expected = HasUnpairedSurrogate(text) ? bound.Contains("%EF%BF%BD", StringComparison.Ordinal) : Uri.UnescapeDataString(bound) == text;
            return binding.Succeeded && binding.Pending.Count == 0 && wellFormed && expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Bind_ValueWithPlaceholderSyntax_NeverExpandsIt()
    {
        Prop.ForAll<string>(noise =>
        {
            var binding = AgentPlaceholders.Bind("https://x.example/?u={$USERNAME}", new AgentVariables { Username = (noise ?? "") + "{$ACCESS_TOKEN}<$USER_PASSWORD>", AccessToken = "t0k3n-value", UserPassword = "hunter2-value" });
            return !binding.Url.Contains("t0k3n-value", StringComparison.Ordinal) && !binding.Url.Contains("hunter2-value", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Evaluate_AnyUrlText_NeverThrowsAndOpensOnlyCleanAllowedUrls()
    {
        Prop.ForAll<string>(text =>
        {
            var url = "https://crm.example/" + (text ?? "");
            var decision = Evaluator.Evaluate(Request(new { url, newTab = false, tab = (string?)null }));
            var clean = url.All(c => c >= 0x20 && c is not ((>= '\u007F' and <= '\u009F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C'))
                        && !HasUnpairedSurrogate(url);
            return decision.Action == PopupAction.Open ? clean && decision.Url == url : decision.Reason == PopupReason.InvalidUrl && (!clean || !Uri.TryCreate(url, UriKind.Absolute, out _));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Evaluate_AnyScheme_OpensOnlyHttpAndHttps()
    {
        Prop.ForAll(Gen.Elements("https", "http", "javascript", "JavaScript", "data", "file", "vbscript", "ftp", "mailto", "tel", "x-crm").ToArbitrary(), scheme =>
        {
            var decision = Evaluator.Evaluate(Request(new { url = scheme + "://crm.example/x", newTab = false, tab = (string?)null }));
            return (decision.Action == PopupAction.Open) == (scheme is "https" or "http");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Evaluate_NamedTab_TakesFocusExactlyWhenNotAlreadyOpen()
    {
        Prop.ForAll<NonEmptyString, string[]>((tab, open) =>
        {
            var openTabs = (open ?? []).Where(t => t is not null).ToArray();
            var decision = Evaluator.Evaluate(Request(new { url = "https://crm.example/", newTab = true, tab = tab.Get }) with { OpenTabs = openTabs });
            return decision.WebClient is { Target: WebClientTarget.NamedTab } web && web.TabName == tab.Get && web.Focus == !openTabs.Contains(tab.Get, StringComparer.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    private static PopupRequest Request(object data) =>
        TestEvaluators.Request() with { Call = new CallVariables { Service = TestEvaluators.Service, ChannelData = System.Text.Json.JsonSerializer.Serialize(data) } };

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
