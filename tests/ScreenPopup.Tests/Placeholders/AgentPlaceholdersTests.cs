namespace ScreenPopup.Tests;

public sealed class AgentPlaceholdersTests
{
    private static readonly AgentVariables Agent = new()
    {
        Username = "m.rossi",
        SystemUsername = "MROSSI-PC\\mario",
        UserPassword = "p@ss w&rd/ü",
        AccessToken = "abc.DEF-123_~",
    };

    [Theory]
    [InlineData("https://x/?u={$USERNAME}", "https://x/?u=m.rossi")]
    [InlineData("https://x/?u=<$USERNAME>", "https://x/?u=m.rossi")]
    [InlineData("https://x/?s={$SYSTEM_USERNAME}", "https://x/?s=MROSSI-PC%5Cmario")]
    [InlineData("https://x/?p={$USER_PASSWORD}", "https://x/?p=p%40ss%20w%26rd%2F%C3%BC")]
    [InlineData("https://x/?t={$ACCESS_TOKEN}&t2=<$ACCESS_TOKEN>", "https://x/?t=abc.DEF-123_~&t2=abc.DEF-123_~")]
    [InlineData("https://x/?a=$USERNAME&b={$}&c={USERNAME}&d=${USERNAME}", "https://x/?a=$USERNAME&b={$}&c={USERNAME}&d=${USERNAME}")]
    [InlineData("$ {$USERNAME}", "$ m.rossi")]
    [InlineData("https://x/?q={$USERNAME", "https://x/?q={$USERNAME")]
    public void Bind_KnownPlaceholders_AreReplacedPercentEncoded(string url, string expected)
    {
        var binding = AgentPlaceholders.Bind(url, Agent);

        binding.Succeeded.Should().BeTrue(binding.Message);
        binding.Url.Should().Be(expected);
        binding.Pending.Should().BeEmpty();
    }

    [Fact]
    public void Bind_ValueNotSupplied_StaysPendingOnce()
    {
        var binding = AgentPlaceholders.Bind("https://x/?p={$USER_PASSWORD}&u={$USERNAME}&p2=<$USER_PASSWORD>", new AgentVariables { Username = "u", UserPassword = "" });

        binding.Url.Should().Be("https://x/?p={$USER_PASSWORD}&u=u&p2=<$USER_PASSWORD>");
        binding.Pending.Should().Equal("USER_PASSWORD");
    }

    [Fact]
    public void Bind_PendingBoundLaterByClient_CompletesTheUrl()
    {
        var serverSide = AgentPlaceholders.Bind("https://x/?u={$USERNAME}&os={$SYSTEM_USERNAME}", new AgentVariables { Username = "u" });

        var clientSide = AgentPlaceholders.Bind(serverSide.Url, new AgentVariables { SystemUsername = "mario" });

        clientSide.Url.Should().Be("https://x/?u=u&os=mario");
        clientSide.Pending.Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://x/?u={$USERNAM}", "{$USERNAME}")]
    [InlineData("https://x/?u={$username}", "{$USERNAME}")]
    [InlineData("https://x/?u=<$ACCESSTOKEN>", "<$ACCESS_TOKEN>")]
    public void Bind_UnknownName_FailsWithSuggestion(string url, string suggestion)
    {
        var binding = AgentPlaceholders.Bind(url, Agent);

        binding.Succeeded.Should().BeFalse();
        binding.Error.Should().Be(PopupReason.UnknownPlaceholder);
        binding.Message.Should().Contain("did you mean " + suggestion);
        binding.Url.Should().Be(url);
    }

    [Fact]
    public void Bind_UnknownNameFarFromAny_ListsKnownNames()
    {
        AgentPlaceholders.Bind("https://x/{$PIN}", Agent).Message.Should().NotContain("did you mean").And.Contain("USERNAME, SYSTEM_USERNAME, USER_PASSWORD, ACCESS_TOKEN");
    }

    [Theory]
    [InlineData("http://crm.example/?t={$ACCESS_TOKEN}", false)]
    [InlineData("http://crm.example:8080/?p={$USER_PASSWORD}", false)]
    [InlineData("http://localhost.evil.example/?t={$ACCESS_TOKEN}", false)]
    [InlineData("http://localhost@evil.example/?t={$ACCESS_TOKEN}", false)]
    [InlineData("ftp://crm.example/?t={$ACCESS_TOKEN}", false)]
    [InlineData("https://crm.example/?t={$ACCESS_TOKEN}", true)]
    [InlineData("HTTPS://crm.example/?t={$ACCESS_TOKEN}", true)]
    [InlineData("http://localhost/?t={$ACCESS_TOKEN}", true)]
    [InlineData("http://LOCALHOST:5000/?t={$ACCESS_TOKEN}", true)]
    [InlineData("http://127.0.0.1:5000/?t={$ACCESS_TOKEN}", true)]
    [InlineData("http://[::1]:5000/?t={$ACCESS_TOKEN}", true)]
    [InlineData("http://crm.example/?u={$USERNAME}", true)]
    public void Bind_Secrets_OnlyOverSecureTransport(string url, bool allowed)
    {
        var binding = AgentPlaceholders.Bind(url, Agent);

        binding.Succeeded.Should().Be(allowed);
        if (!allowed)
        {
            binding.Error.Should().Be(PopupReason.InsecureSecret);
            binding.Message.Should().NotContain(Agent.AccessToken).And.NotContain(Agent.UserPassword);
        }
    }

    [Fact]
    public void Bind_PendingSecretOverHttp_IsAlsoRefused()
    {
        AgentPlaceholders.Bind("http://crm.example/?t={$ACCESS_TOKEN}", new AgentVariables()).Error.Should().Be(PopupReason.InsecureSecret);
    }

    [Fact]
    public void Bind_SecretOverHttpWhenAllowed_Binds()
    {
        AgentPlaceholders.Bind("http://crm.example/?t={$ACCESS_TOKEN}", Agent, allowSecretsOverHttp: true).Url.Should().Be("http://crm.example/?t=abc.DEF-123_~");
    }

    [Fact]
    public void Bind_ValueWithPlaceholderSyntax_IsEncodedNotExpandedAgain()
    {
        var binding = AgentPlaceholders.Bind("https://x/?u={$USERNAME}", new AgentVariables { Username = "{$ACCESS_TOKEN}", AccessToken = "secret" });

        binding.Url.Should().Be("https://x/?u=%7B%24ACCESS_TOKEN%7D");
    }

    [Fact]
    public void Bind_UnpairedSurrogate_EncodesReplacementCharacter()
    {
        AgentPlaceholders.Bind("https://x/?u={$USERNAME}", new AgentVariables { Username = "a\uD800b" }).Url.Should().Be("https://x/?u=a%EF%BF%BDb");
    }

    [Fact]
    public void ToString_WithBoundSecret_HidesUrl()
    {
        var binding = AgentPlaceholders.Bind("https://x/?p={$USER_PASSWORD}", Agent);

        binding.ToString().Should().NotContain("p%40ss").And.Contain("Url = ***");
    }

    [Fact]
    public void IsSecret_KnowsTheSecrets()
    {
        AgentPlaceholders.Names.Where(AgentPlaceholders.IsSecret).Should().Equal("USER_PASSWORD", "ACCESS_TOKEN");
    }
}
