using Microsoft.Extensions.Configuration;

namespace ScreenPopup.Tests;

/// <summary>Options validation. Every default is checked against the configuration reference by <c>DocumentationTests</c>.</summary>
public sealed class ScreenPopupOptionsTests
{
    /// <summary>Every sandbox limit, found by reflection: a new limit without its check fails here.</summary>
    public static TheoryData<string> SandboxLimits() => [.. typeof(SandboxOptions).GetProperties().Select(property => property.Name)];

    [Theory]
    [MemberData(nameof(SandboxLimits))]
    public void Create_InvalidSandboxLimit_IsReportedAtItsPath(string limit)
    {
        var options = new ScreenPopupOptions();
        options.Services["SUPPORT"] = new PopupService { Script = "({})" };
        var property = typeof(SandboxOptions).GetProperty(limit)!;
        property.SetValue(options.Sandbox, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Zero : Convert.ChangeType(-1, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var act = () => PopupEvaluator.Create(options);

        act.Should().ThrowExactly<ScreenPopupConfigurationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().StartWith($"ScreenPopup:Sandbox:{limit}: must be ");
    }

    [Theory]
    [InlineData("""{ "Services": { "A": { "Chanels": ["phone"], "Script": "({})" } } }""",
        "ScreenPopup:Services:A: 'Chanels' is not a setting here; did you mean 'Channels'? (known: ")]
    [InlineData("""{ "Services": { "A": { "enabeld": true, "Script": "({})" } } }""",
        "ScreenPopup:Services:A: 'enabeld' is not a setting here; did you mean 'Enabled'? (known: ")]
    [InlineData("""{ "Services": { "A": { "Enabled": "yes", "Script": "({})" } } }""",
        "ScreenPopup:Services:A: 'yes' is not a valid value for Enabled: expected true or false")]
    [InlineData("""{ "Services": { "A": { "Mode": "legacy", "Script": "({})" } } }""",
        "ScreenPopup:Services:A: 'legacy' is not a valid value for Mode: expected one of Server, LegacyBat")]
    [InlineData("""{ "Sandbox": { "Timeout": "soon" }, "Services": { "A": { "Script": "({})" } } }""",
        "ScreenPopup:Sandbox: 'soon' is not a valid value for Timeout: expected a time span such as 00:00:00.250")]
    [InlineData("""{ "Sandbox": { "MaxStatements": "many" }, "Services": { "A": { "Script": "({})" } } }""",
        "ScreenPopup:Sandbox: 'many' is not a valid value for MaxStatements: expected a whole number")]
    [InlineData("""{ "TrackOpenTabs": "maybe", "Services": { "A": { "Script": "({})" } } }""",
        "ScreenPopup:TrackOpenTabs: 'maybe' is not a valid value for TrackOpenTabs: expected true or false")]
    public void Bind_MistakeInTheSection_SaysSettingValueAndFixWithoutDotNetNames(string section, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{ "ScreenPopup": {{section}} }"""))).Build();

        var act = () => PopupEvaluator.Create(ScreenPopupOptions.Bind(configuration.GetSection("ScreenPopup")));

        var error = act.Should().ThrowExactly<ScreenPopupConfigurationException>().Which.Errors.Should().ContainSingle().Which;
        error.Should().StartWith(expected).And.NotContainAny("System.", "ScreenPopup.", "BinderOptions");
    }

    [Fact]
    public void Create_ManyProblems_ReportsEveryOneAtOnce()
    {
        var options = new ScreenPopupOptions { DefaultService = "MISSING", AllowedSchemes = ["https", "javascript"] };
        options.Sandbox.Timeout = TimeSpan.Zero;
        options.Sandbox.MaxStatements = 0;
        options.Sandbox.MaxRecursion = -1;
        options.Services["SYNTAX"] = new PopupService { Script = "function popup( {" };
        options.Services["NOSCRIPT"] = new PopupService();
        options.Services["BOTH"] = new PopupService { Script = "({})", ScriptFile = "x.js" };
        options.Services["CHANNELS"] = new PopupService { Script = "({})", Channels = ["phone", "fax", "custom:"] };
        options.Services["FILE"] = new PopupService { ScriptFile = "does-not-exist.js" };
        options.Services["ENTRY"] = new PopupService { Script = "function a(){}", EntryPoint = "b" };

        var act = () => PopupEvaluator.Create(options);

        var errors = act.Should().ThrowExactly<ScreenPopupConfigurationException>().Which.Errors;
        errors.Should().HaveCount(12);
        errors.Should().ContainMatch("ScreenPopup:Services:SYNTAX: Script(1,*): error scriptSyntax: *");
        errors.Should().ContainMatch("ScreenPopup:Services:NOSCRIPT: the service has no script*");
        errors.Should().ContainMatch("ScreenPopup:Services:BOTH: both Script and ScriptFile are set*");
        errors.Should().ContainMatch("ScreenPopup:Services:CHANNELS:Channels:1: 'fax' is not a channel*");
        errors.Should().ContainMatch("ScreenPopup:Services:CHANNELS:Channels:2: 'custom:' is not a channel*");
        errors.Should().ContainMatch("ScreenPopup:Services:FILE:ScriptFile: cannot read '*does-not-exist.js'*");
        errors.Should().ContainMatch("ScreenPopup:Services:ENTRY: *entry point 'b'*");
        errors.Should().ContainMatch("ScreenPopup:DefaultService: 'MISSING' is not one of the configured services*");
        errors.Should().ContainMatch("ScreenPopup:AllowedSchemes: 'javascript' is never allowed*");
        errors.Should().ContainMatch("ScreenPopup:Sandbox:Timeout: must be positive*");
        errors.Should().ContainMatch("ScreenPopup:Sandbox:MaxStatements: must be positive");
        errors.Should().ContainMatch("ScreenPopup:Sandbox:MaxRecursion: must be 0 (calls not counted*) or positive");
    }

    [Fact]
    public void Create_ScriptFile_IsReadRelativeToScriptBaseDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("screenpopup-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "popups"));
            File.WriteAllText(Path.Combine(directory.FullName, "popups", "support.js"), "function popup(call) { return { onAnswer: 'https://crm.example/?c=' + call.CALL_CLI }; }");
            var options = new ScreenPopupOptions { ScriptBaseDirectory = directory.FullName, Sandbox = TestEvaluators.RelaxedSandbox() };
            options.Services["SUPPORT"] = new PopupService { ScriptFile = "popups/support.js" };

            var decision = PopupEvaluator.Create(options).Evaluate(TestEvaluators.Request(cli: "42"));

            decision.Url.Should().Be("https://crm.example/?c=42");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_ScriptFileSyntaxError_NamesFileLineAndColumn()
    {
        var directory = Directory.CreateTempSubdirectory("screenpopup-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "bad.js"), "var a = 1;\nvar b = ;");
            var options = new ScreenPopupOptions { ScriptBaseDirectory = directory.FullName };
            options.Services["SUPPORT"] = new PopupService { ScriptFile = "bad.js" };

            var act = () => PopupEvaluator.Create(options);

            act.Should().ThrowExactly<ScreenPopupConfigurationException>().Which.Errors.Should().ContainSingle()
                .Which.Should().StartWith("ScreenPopup:Services:SUPPORT: bad.js(2,9): error scriptSyntax: Unexpected token");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_NullOptions_Throws()
    {
        var act = () => PopupEvaluator.Create(null!);

        act.Should().ThrowExactly<ArgumentNullException>();
    }
}
