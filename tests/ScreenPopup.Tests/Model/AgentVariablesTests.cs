namespace ScreenPopup.Tests;

public sealed class AgentVariablesTests
{
    [Fact]
    public void ToString_MasksSecrets()
    {
        var agent = new AgentVariables { Username = "mrossi", SystemUsername = "mario", UserPassword = "hunter2", AccessToken = "tok-123", Pin = "9876" };

        var text = agent.ToString();

        text.Should().Contain("mrossi").And.Contain("mario");
        text.Should().NotContain("hunter2").And.NotContain("tok-123").And.NotContain("9876");
    }

    [Fact]
    public void ToString_OfRequest_MasksAgentSecrets()
    {
        var request = TestEvaluators.Request(agent: new AgentVariables { AccessToken = "tok-123" });

        request.ToString().Should().NotContain("tok-123");
    }
}
