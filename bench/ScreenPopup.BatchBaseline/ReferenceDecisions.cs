using System.Buffers;
using System.Text;

namespace ScreenPopup.BatchBaseline;

/// <summary>
/// The decisions of bench/batch/reference.js, written by hand, exactly as <c>screenpopup evaluate --script</c> gives
/// them (one script serving every service code and channel, TVox Client target browser, duplicate suppression on):
/// <list type="bullet">
/// <item>ring: <c>https://crm.example/contact?cli=</c> + <c>encodeURIComponent(CALL_CLI)</c>; answer: the same +
/// <c>&amp;op=</c> + the agent's <c>USERNAME</c> percent-encoded as the library binds <c>{$USERNAME}</c> (RFC 3986
/// unreserved characters kept), or <c>{$USERNAME}</c> left in the URL and listed as pending when there is none.</item>
/// <item>The URL as a browser loads it: <c>encodeURIComponent</c> leaves <c>'</c> alone, the WHATWG query encoding makes
/// it <c>%27</c>, and the library then adds its <c>urlNormalized</c> info diagnostic.</item>
/// <item>Call values in <c>U+E000–U+E3FF</c> (the library's placeholder marks) are <c>U+FFFD</c> to the script.</item>
/// <item>Open in the WebClient tab <c>crm</c>, with focus unless the request lists <c>crm</c> among its open tabs;
/// the TVox Client in the browser.</item>
/// <item>hangup, demand: nothing (<c>noUrl</c>); a responder's ring or answer: nothing (<c>triggerNotAllowed</c>).</item>
/// <item>A URL over 8 KiB: an <c>invalidUrl</c> error.</item>
/// </list>
/// Not mirrored: duplicate suppression (the generated requests never repeat a session, trigger and agent, so the tool
/// suppresses nothing) and the sandbox's cuts of values over <c>Sandbox.MaxVariableLength</c> or of more than
/// <c>Sandbox.MaxPopupInfoItems</c> items (refused with an exception rather than answered differently).
/// </summary>
internal sealed class ReferenceDecisions
{
    private const string Base = "https://crm.example/contact";
    private const string TabName = "crm";
    private const int MaxUrlLength = 8 * 1024; // UrlPolicy.MaxUtf8Bytes; the URL is ASCII once encoded
    private const int MaxVariableLength = 65_536; // SandboxOptions defaults
    private const int MaxPopupInfoItems = 100;

    private static readonly WebClientPresentation NewCrmTab = new() { Target = WebClientTarget.NamedTab, TabName = TabName, Focus = true };
    private static readonly WebClientPresentation OpenCrmTab = new() { Target = WebClientTarget.NamedTab, TabName = TabName, Focus = false };
    private static readonly TvoxClientPresentation InBrowser = new() { Target = TvoxClientTarget.Browser };
    private static readonly string[] PendingUsername = ["USERNAME"];
    private static readonly PopupDiagnostic[] RingNormalized = [Normalized("onRing")];
    private static readonly PopupDiagnostic[] AnswerNormalized = [Normalized("onAnswer")];

    private static readonly PopupDecision NoHangupUrl = NoPopup(PopupTrigger.Hangup, PopupReason.NoUrl, "the script gives no URL for hangup (onHangup is null)");
    private static readonly PopupDecision NoDemandUrl = NoPopup(PopupTrigger.Demand, PopupReason.NoUrl, "the script gives no URL for demand (onDemand is null)");
    private static readonly PopupDecision ResponderRing = NoPopup(PopupTrigger.Ring, PopupReason.TriggerNotAllowed, "a responder pops only on demand, not on ring");
    private static readonly PopupDecision ResponderAnswer = NoPopup(PopupTrigger.Answer, PopupReason.TriggerNotAllowed, "a responder pops only on demand, not on answer");
    private static readonly PopupDecision RingTooLong = UrlTooLong(PopupTrigger.Ring, "onRing");
    private static readonly PopupDecision AnswerTooLong = UrlTooLong(PopupTrigger.Answer, "onAnswer");

    /// <summary>What <c>encodeURIComponent</c> leaves as it is, but <c>'</c>, which the URL's browser form encodes (handled apart).</summary>
    private static readonly SearchValues<char> UriComponentUnreserved = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*()");
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>The URL being built, reused from decision to decision.</summary>
    private char[] _url = new char[512];
    private int _length;

    /// <summary>The decision for one request.</summary>
    public PopupDecision Decide(PopupRequest request)
    {
        var trigger = request.Trigger;
        if (request.Role == PopupRole.Responder && trigger != PopupTrigger.Demand)
        {
            return trigger == PopupTrigger.Ring ? ResponderRing : ResponderAnswer;
        }

        if (trigger is PopupTrigger.Hangup or PopupTrigger.Demand)
        {
            return trigger == PopupTrigger.Hangup ? NoHangupUrl : NoDemandUrl;
        }

        RefuseWhatIsNotMirrored(request.Call);
        var isAnswer = trigger == PopupTrigger.Answer;
        _length = 0;
        Append(Base + "?cli=");
        var apostrophes = AppendUriComponent(request.Call.Cli);
        string[] pending = [];
        if (isAnswer)
        {
            Append("&op=");
            if (string.IsNullOrEmpty(request.Agent.Username))
            {
                Append("{$USERNAME}");
                pending = PendingUsername;
            }
            else
            {
                AppendPercentEncoded(request.Agent.Username);
            }
        }

        // The URL as a browser loads it (each apostrophe 2 characters longer than as the script returns it) is checked last.
        if (_length > MaxUrlLength)
        {
            return isAnswer ? AnswerTooLong : RingTooLong;
        }

        return new PopupDecision
        {
            Trigger = trigger,
            Action = PopupAction.Open,
            Url = new string(_url, 0, _length),
            PendingPlaceholders = pending,
            WebClient = ListsCrmTab(request.OpenTabs) ? OpenCrmTab : NewCrmTab,
            TvoxClient = InBrowser,
            Diagnostics = apostrophes == 0 ? [] : isAnswer ? AnswerNormalized : RingNormalized,
        };
    }

    private static bool ListsCrmTab(IReadOnlyList<string> openTabs)
    {
        for (var i = 0; i < openTabs.Count; i++)
        {
            if (string.Equals(openTabs[i], TabName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// JavaScript's <c>encodeURIComponent</c> of the value as the script sees it, with <c>'</c> written <c>%27</c> as the
    /// browser form of the URL has it; returns how many there were.
    /// </summary>
    private int AppendUriComponent(string value)
    {
        var apostrophes = 0;
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var plain = rest.IndexOfAnyExcept(UriComponentUnreserved);
            var run = plain < 0 ? rest : rest[..plain];
            Append(run);
            if (plain < 0)
            {
                break;
            }

            rest = rest[plain..];
            if (rest[0] == '\'')
            {
                apostrophes++;
                Append("%27");
                rest = rest[1..];
                continue;
            }

            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                // encodeURIComponent throws URIError; System.Text.Json never reads an unpaired surrogate into a string.
                throw new NotSupportedException("an unpaired surrogate in CALL_CLI: the script would fail with a URIError, which this baseline does not mirror");
            }

            if (rune.Value is >= 0xE000 and <= 0xE3FF)
            {
                rune = Rune.ReplacementChar; // PlaceholderMarks.NeutralizeCallerText: no caller can write a mark
            }

            AppendUtf8Escaped(rune);
            rest = rest[consumed..];
        }

        return apostrophes;
    }

    /// <summary>The library's binding of a placeholder value: UTF-8, percent-encoded except <c>A–Z a–z 0–9 - . _ ~</c>.</summary>
    private void AppendPercentEncoded(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed); // an unpaired surrogate is U+FFFD, as the library has it
            if (status != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~'))
            {
                Append((char)rune.Value);
            }
            else
            {
                AppendUtf8Escaped(rune);
            }

            rest = rest[consumed..];
        }
    }

    private void AppendUtf8Escaped(Rune rune)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var count = rune.EncodeToUtf8(utf8);
        Reserve(3 * count);
        foreach (var b in utf8[..count])
        {
            _url[_length++] = '%';
            _url[_length++] = HexDigits[b >> 4];
            _url[_length++] = HexDigits[b & 0xF];
        }
    }

    private void Append(char c)
    {
        Reserve(1);
        _url[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_url.AsSpan(_length));
        _length += text.Length;
    }

    private void Reserve(int count)
    {
        if (_length + count > _url.Length)
        {
            Array.Resize(ref _url, Math.Max(_url.Length * 2, _length + count));
        }
    }

    /// <summary>Throws for requests the sandbox would cut (a diagnostic this baseline does not write): none of the generated ones.</summary>
    private static void RefuseWhatIsNotMirrored(CallVariables call)
    {
        if (call.Service.Length > MaxVariableLength || call.Cli.Length > MaxVariableLength || call.Dnis.Length > MaxVariableLength ||
            call.Skillset.Length > MaxVariableLength || call.CallType.Length > MaxVariableLength || call.LastCallId.Length > MaxVariableLength ||
            call.OriginSite.Length > MaxVariableLength || call.DistributionSite.Length > MaxVariableLength || call.ChannelId.Length > MaxVariableLength ||
            call.ChannelSessionId.Length > MaxVariableLength || call.ChannelData.Length > MaxVariableLength || call.ChannelDescription.Length > MaxVariableLength ||
            call.PopupInfo.Count > MaxPopupInfoItems)
        {
            throw NotMirrored();
        }

        for (var i = 0; i < call.PopupInfo.Count; i++)
        {
            if (call.PopupInfo[i]?.Length > MaxVariableLength)
            {
                throw NotMirrored();
            }
        }

        static NotSupportedException NotMirrored() =>
            new("a call variable over the sandbox's limits: the tool would cut it with a valueTruncated warning, which this baseline does not mirror");
    }

    private static PopupDiagnostic Normalized(string property) => new()
    {
        Severity = DiagnosticSeverity.Info,
        Code = PopupDiagnosticCodes.UrlNormalized,
        Message = $"{property}: the URL is written as a browser loads it (characters a browser encodes percent-encoded); build it that way (encodeURIComponent for values) to open exactly what the script returns",
    };

    private static PopupDecision NoPopup(PopupTrigger trigger, PopupReason reason, string message) =>
        new() { Trigger = trigger, Action = PopupAction.None, Reason = reason, Message = message };

    private static PopupDecision UrlTooLong(PopupTrigger trigger, string property) =>
        new() { Trigger = trigger, Action = PopupAction.Error, Reason = PopupReason.InvalidUrl, Message = $"{property}: the URL is longer than {MaxUrlLength} bytes; pass less data in the query string" };
}
