namespace ScreenPopup.Benchmarks;

/// <summary>The reference and heavier scripts of the performance issue, and the request they are measured with.</summary>
internal static class Scripts
{
    /// <summary>The reference script, bench/batch/reference.js (embedded): the batch comparison of the tool runs the same file.</summary>
    public static readonly string Reference = ReadEmbedded("reference.js");

    public const string Heavier = """
        var base = 'https://crm.example/contact';
        function popup(call) {
          var info = call.CALL_POPUPINFO.map(function (x) { return x.trim().toUpperCase(); });
          var data = JSON.parse(call.CALL_CHANNELDATA);
          var when = new Date(Date.UTC(2026, 10, 24, 9, 30)).toISOString();
          var cli = call.CALL_CLI.replace(/[^0-9+]/g, '');
          var q = ['cli=' + encodeURIComponent(cli), 'ticket=' + encodeURIComponent(info.join('|')), 'lang=' + encodeURIComponent(data.lang), 'at=' + encodeURIComponent(when)];
          return { onAnswer: base + '?' + q.join('&') + '&op={$USERNAME}', webClientOpenNewTab: true, webClientTabName: 'crm' };
        }
        """;

    public static readonly PopupRequest Request = new()
    {
        Trigger = PopupTrigger.Answer,
        Call = new CallVariables
        {
            Service = "SUPPORT", Cli = "+39 02 1234 5678", Dnis = "800100", Skillset = "support", CallType = "inbound", LastCallId = "c-1",
            OriginSite = "ROMA", DistributionSite = "MILANO", ChannelId = "wa-main", ChannelSessionId = "s-981",
            ChannelData = "{\"lang\":\"it\",\"page\":\"/pricing\"}", ChannelDescription = "WhatsApp", PopupInfo = [" ticket 42 ", "vip"],
        },
        Agent = new AgentVariables { Username = "mrossi" },
    };

    public static PopupEvaluator Evaluator(string script) => Evaluator(new PopupService { Script = script });

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(Scripts).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PopupEvaluator Evaluator(PopupService service)
    {
        var options = new ScreenPopupOptions();
        options.Services["SUPPORT"] = service;
        options.DuplicateSuppression.Enabled = false;
        return PopupEvaluator.Create(options);
    }
}

/// <summary>The reference popup written in C#, for the native provider.</summary>
internal sealed class ReferenceProvider : IPopupProvider
{
    public PopupDefinition GetPopup(CallVariables variables)
    {
        var url = "https://crm.example/contact?cli=" + Uri.EscapeDataString(variables.Cli);
        return new PopupDefinition { OnRing = url, OnAnswer = url + "&op={$USERNAME}", WebClientOpenNewTab = true, WebClientTabName = "crm" };
    }
}
