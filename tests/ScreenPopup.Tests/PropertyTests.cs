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
            // An opened URL is the URL as a browser loads it (BrowserUrlTests compares that with Node): printable ASCII,
            // and changed only with a urlNormalized diagnostic saying so.
            var normalized = decision.Diagnostics.Any(d => d.Code == PopupDiagnosticCodes.UrlNormalized);
            return decision.Action == PopupAction.Open
                ? clean && (decision.Url == url) != normalized && decision.Url!.All(c => c is > ' ' and <= '~')
                : decision.Reason == PopupReason.InvalidUrl && (!clean || !Uri.TryCreate(url, UriKind.Absolute, out _));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void UrlCheck_FastPath_AcceptsOnlyWhatUriAcceptsWithAHost()
    {
        var pieces = Gen.Elements("https:", "HTTP:", "http:", "//", "/", "a", "Z", "9", "0", ".", "-", "..", ":", ":80", ":65535", ":65536", ":0", ":00080", ":x",
            "@", "user@", "[::1]", "%41", "%zz", "?", "#", "&", "=", " ", "\\", "é", "xn--", "_", "~", "'", "\"", "<", "{", "|", "crm.example", "1.2.3.4", "999.999.1.1");
        var urls = Gen.Elements("https://", "http://", "HTTPS://", "https:").SelectMany(scheme => Gen.ArrayOf(pieces).Select(parts => scheme + string.Concat(parts)));
        Prop.ForAll(urls.ToArbitrary(), url =>
        {
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 || !UrlPolicy.IsPlainWebUrl(url, colon) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("https://crm.example/contact?cli=%2B39&op=mrossi#top", true)]
    [InlineData("http://10.0.0.1:8080", true)]
    [InlineData("https://user@crm.example/", false)]
    [InlineData("https://crm.example:99999/", false)]
    [InlineData("https://crm.example/a b", false)]
    [InlineData("https://-crm.example/", false)]
    [InlineData("tvox://crm.example/", false)]
    public void UrlCheck_FastPath_RecognisesPlainWebUrlsAndLeavesTheRestToUri(string url, bool plain) =>
        UrlPolicy.IsPlainWebUrl(url, url.IndexOf(':', StringComparison.Ordinal)).Should().Be(plain);

    [Fact]
    public void Evaluate_AnyScheme_OpensOnlyHttpAndHttps()
    {
        Prop.ForAll(Gen.Elements("https", "http", "javascript", "JavaScript", "data", "file", "vbscript", "ftp", "mailto", "tel", "x-crm").ToArbitrary(), scheme =>
        {
            var decision = Evaluator.Evaluate(Request(new { url = scheme + "://crm.example/x", newTab = false, tab = (string?)null }));
            return (decision.Action == PopupAction.Open) == (scheme is "https" or "http");
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>A named tab takes the focus exactly when the request does not list it as open; a name starting with '_' opens a new tab.</summary>
    [Fact]
    public void Evaluate_NamedTab_TakesFocusExactlyWhenNotAlreadyOpen()
    {
        Prop.ForAll<NonEmptyString, string[]>((tab, open) =>
        {
            var openTabs = (open ?? []).Where(t => t is not null).ToArray();
            var decision = Evaluator.Evaluate(Request(new { url = "https://crm.example/", newTab = true, tab = tab.Get }) with { OpenTabs = openTabs });
            return tab.Get.StartsWith('_')
                ? decision.WebClient is { Target: WebClientTarget.NewTab, TabName: null, Focus: true }   // a browser keyword, never a tab
                : decision.WebClient is { Target: WebClientTarget.NamedTab } web && web.TabName == tab.Get && web.Focus == !openTabs.Contains(tab.Get, StringComparer.Ordinal);
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
