namespace ScreenPopup.Demo;

/// <summary>The README's quick start, kept here so that it always compiles.</summary>
public static class QuickStart
{
    public static PopupDecision Run()
    {
        // quick-start-begin
        var options = new ScreenPopupOptions();
        options.Services["SUPPORT"] = new PopupService
        {
            Script = """
                function popup(call) {
                  return { onAnswer: 'https://crm.example/contact?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
                           webClientOpenNewTab: true, webClientTabName: 'crm' };
                }
                """,
        };
        var evaluator = PopupEvaluator.Create(options);   // compile once, share everywhere

        PopupDecision decision = evaluator.Evaluate(new PopupRequest
        {
            Trigger = PopupTrigger.Answer,
            Call = new CallVariables { Service = "SUPPORT", Cli = "+390212345678" },
            Agent = new AgentVariables { Username = "mrossi" },
        });
        // decision.Action == Open, decision.Url == "https://crm.example/contact?cli=%2B390212345678&op=mrossi",
        // decision.WebClient.Target == NamedTab ("crm"), decision.WebClient.Focus == true
        // quick-start-end
        return decision;
    }
}
