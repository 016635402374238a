namespace ScreenPopup.AspNetCore.Tests;

/// <summary>An evaluator that holds the decision of one session until released.</summary>
internal sealed class GatedEvaluator(string heldSession) : IPopupEvaluator
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("the endpoints evaluate asynchronously");

    public async ValueTask<PopupDecision> EvaluateAsync(PopupRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Call.ChannelSessionId == heldSession)
        {
            Entered.SetResult();
            await Release.Task;
        }

        return new PopupDecision
        {
            Trigger = request.Trigger, Action = PopupAction.Open, Url = "https://crm.example/?s=" + request.Call.ChannelSessionId,
            WebClient = new WebClientPresentation { Target = WebClientTarget.Iframe, Focus = false },
        };
    }
}
