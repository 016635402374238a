namespace Snippets;

// docs/legacy.md: a legacy decision run on the agent's PC.
// begin-snippet: legacy-runner
using ScreenPopup;
using ScreenPopup.Legacy;

static class AgentDesktop
{
    public static async Task<BatchRunResult?> PopAsync(IPopupEvaluator evaluator, PopupRequest request)
    {
        var decision = evaluator.Evaluate(request);
        if (decision.Action != PopupAction.RunBatch)
        {
            return null;
        }

        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Timeout = TimeSpan.FromSeconds(30), MaxConcurrentRuns = 4 });
        return await runner.RunAsync(decision.Batch!);   // Completed / TimedOut / Unavailable, exit code, output
    }
}
// end-snippet
