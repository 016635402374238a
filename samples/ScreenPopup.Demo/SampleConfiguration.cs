using ScreenPopup;

namespace ScreenPopup.Demo;

/// <summary>The built-in sample configuration of the demo: three services, one of them with a script bug.</summary>
internal static class SampleConfiguration
{
    public static ScreenPopupOptions Create()
    {
        var options = new ScreenPopupOptions();

        options.Services["SUPPORT"] = new PopupService
        {
            Channels = ["phone", "webchat", "whatsapp", "custom:telegram"],
            CallTypes = ["inbound"],
            ClientTarget = TvoxClientTarget.WebView,
            Script = """
                var crm = 'https://crm.example';
                function popup(call) {
                  var ticket = call.CALL_POPUPINFO.length > 0 ? '&ticket=' + encodeURIComponent(call.CALL_POPUPINFO[0]) : '';
                  return {
                    onRing:   crm + '/preview?cli=' + encodeURIComponent(call.CALL_CLI),
                    onAnswer: crm + '/contact?cli=' + encodeURIComponent(call.CALL_CLI) + ticket + '&op={$USERNAME}',
                    onHangup: crm + '/wrap-up?session=' + encodeURIComponent(call.CALL_CHANNELSESSIONID),
                    onDemand: crm + '/search?token={$ACCESS_TOKEN}',
                    webClientOpenNewTab: true,
                    webClientTabName: 'crm'
                  };
                }
                """,
        };

        options.Services["SALES"] = new PopupService
        {
            Channels = ["phone", "video"],
            ClientTarget = TvoxClientTarget.WebViewMultiTab,
            Script = """
                (call) => ({
                  onAnswer: 'https://sales.example/lead?dnis=' + encodeURIComponent(call.CALL_DNIS) + '&cli=' + encodeURIComponent(call.CALL_CLI),
                  webClientOpenNewTab: true
                })
                """,
        };

        options.Services["BILLING"] = new PopupService
        {
            Script = """
                function popup(call) {
                  var account = call.CALL_CHANNELDATA.match(/account=(\d+)/)[1];   // bug: no account in the data → TypeError
                  return { onAnswer: 'https://billing.example/account/' + account };
                }
                """,
        };

        return options;
    }
}
