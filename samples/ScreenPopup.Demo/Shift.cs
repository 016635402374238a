namespace ScreenPopup.Demo;

/// <summary>A dozen interactions across channels, services, roles and triggers, in the order an agent lives them.</summary>
internal static class Shift
{
    public sealed record Step(string Time, PopupRequest Request);

    public static IEnumerable<Step> Steps(AgentVariables agent)
    {
        var voice = new CallVariables { Service = "SUPPORT", Cli = "+390212345678", CallType = "inbound", ChannelSessionId = "c-1001", PopupInfo = ["T-42"] };
        yield return new("09:01", Request(PopupTrigger.Ring, PopupChannel.Phone, voice, agent));
        yield return new("09:01", Request(PopupTrigger.Answer, PopupChannel.Phone, voice, agent));
        yield return new("09:07", Request(PopupTrigger.Hangup, PopupChannel.Phone, voice, agent));

        var chat = new CallVariables { Service = "SUPPORT", Cli = "anna@example.com", CallType = "inbound", ChannelSessionId = "w-77", ChannelData = "page=/pricing" };
        yield return new("09:12", Request(PopupTrigger.Answer, PopupChannel.Webchat, chat, agent));

        var whatsapp = new CallVariables { Service = "SUPPORT", Cli = "+393471234567", CallType = "inbound", ChannelId = "wa-main", ChannelSessionId = "s-981" };
        yield return new("09:20", Request(PopupTrigger.Answer, PopupChannel.Whatsapp, whatsapp, agent));
        yield return new("09:22", Request(PopupTrigger.Demand, PopupChannel.Whatsapp, whatsapp, agent with { AccessToken = "eyJhbGciOi.demo.token" }));

        var consult = voice with { CallType = "consult", ChannelSessionId = "c-1002" };
        yield return new("09:30", Request(PopupTrigger.Ring, PopupChannel.Phone, consult, agent));

        var video = new CallVariables { Service = "SALES", Cli = "+41445551234", Dnis = "800123", CallType = "inbound", ChannelSessionId = "v-5" };
        yield return new("10:02", Request(PopupTrigger.Answer, PopupChannel.Video, video, agent));

        var telegram = new CallVariables { Service = "SUPPORT", Cli = "@luca", CallType = "inbound", ChannelId = "line", ChannelSessionId = "t-9" };
        yield return new("10:15", Request(PopupTrigger.Ring, PopupChannel.Custom, telegram, agent));

        var billing = new CallVariables { Service = "BILLING", Cli = "+390612345678", CallType = "inbound", ChannelSessionId = "c-1003", ChannelData = "lang=it" };
        yield return new("10:40", Request(PopupTrigger.Answer, PopupChannel.Phone, billing, agent));

        var hostile = new CallVariables { Service = "SUPPORT", Cli = "\"><script>alert(1)</script>", CallType = "inbound", ChannelSessionId = "c-1004" };
        yield return new("11:05", Request(PopupTrigger.Answer, PopupChannel.Phone, hostile, agent));

        var unknown = new CallVariables { Service = "HR", Cli = "+390298765432", CallType = "inbound", ChannelSessionId = "c-1005" };
        yield return new("11:30", Request(PopupTrigger.Ring, PopupChannel.Phone, unknown, agent));

        yield return new("11:45", Request(PopupTrigger.Ring, PopupChannel.Phone, voice with { ChannelSessionId = "c-1006" }, agent, PopupRole.Responder));
        yield return new("11:46", Request(PopupTrigger.Demand, PopupChannel.Phone, voice with { ChannelSessionId = "c-1006" }, agent, PopupRole.Responder));
    }

    private static PopupRequest Request(PopupTrigger trigger, PopupChannel channel, CallVariables call, AgentVariables agent, PopupRole role = PopupRole.Agent) =>
        new() { Trigger = trigger, Channel = channel, Call = call, Agent = agent, Role = role };
}
