using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ScreenPopup.Tests;

/// <summary>Whatever a script or provider throws, decisions, diagnostics and log lines carry a short message.</summary>
public sealed class MessageBoundsTests
{
    [Theory]
    [InlineData("throw new Error('x'.repeat(1e6));")]
    [InlineData("throw 'y'.repeat(1e6);")]
    [InlineData("throw new Error('\\uD83D\\uDE00'.repeat(5e5));")]
    public void ScriptThrowingAHugeMessage_DecisionAndLogStayShort(string body)
    {
        using var logProvider = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logProvider));
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services[TestEvaluators.Service] = new PopupService { Script = $"function popup(call) {{ {body} }}" };

        var decision = PopupEvaluator.Create(options, loggerFactory).Evaluate(TestEvaluators.Request());

        decision.Reason.Should().Be(PopupReason.ScriptRuntime);
        decision.Message!.Length.Should().BeLessThan(1_200);
        decision.Message.Should().Contain("more characters").And.MatchRegex(@"\(line 1, column \d+\)$", "the position survives the cut");
        decision.Diagnostics.Should().OnlyContain(d => d.Message.Length < 1_200);
        logProvider.Collector.GetSnapshot().Should().NotBeEmpty().And.OnlyContain(record => record.Message.Length < 2_000);
        PopupJson.Serialize(decision).Length.Should().BeLessThan(16_000, "not the megabytes thrown (emoji are escaped in JSON)");
    }

    [Fact]
    public void ProviderThrowingAHugeMessage_DecisionStaysShort()
    {
        var options = new ScreenPopupOptions();
        options.Services[TestEvaluators.Service] = new PopupService { Provider = new Throwing() };

        var decision = PopupEvaluator.Create(options).Evaluate(TestEvaluators.Request());

        decision.Reason.Should().Be(PopupReason.ScriptRuntime);
        decision.Message!.Length.Should().BeLessThan(1_200);
    }

    private sealed class Throwing : IPopupProvider
    {
        public PopupDefinition GetPopup(CallVariables call) => throw new InvalidOperationException(new string('z', 1_000_000));
    }
}
