using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ScreenPopup.Diagnostics;

namespace ScreenPopup.Cli;

/// <summary>Builds options from <c>--script FILE.js</c> or <c>--config FILE.json</c> (a configuration file as in docs/configuration.md), or the built-in sample.</summary>
internal static class Configurations
{
    /// <summary>The service code a lone <c>--script</c> is registered under; it also serves every other code.</summary>
    public const string ScriptServiceCode = "SCRIPT";

    /// <summary>Options where one script serves every service code, every channel, in server mode, with TVox Client target browser.</summary>
    /// <exception cref="CliException">The file cannot be read.</exception>
    public static ScreenPopupOptions FromScript(string scriptFile)
    {
        var fullPath = Path.GetFullPath(scriptFile);
        if (!File.Exists(fullPath))
        {
            throw new CliException($"{scriptFile}: the script file does not exist");
        }

        var options = new ScreenPopupOptions { DefaultService = ScriptServiceCode, ScriptBaseDirectory = Path.GetDirectoryName(fullPath) };
        options.Services[ScriptServiceCode] = new PopupService { ScriptFile = Path.GetFileName(fullPath), ClientTarget = TvoxClientTarget.Browser };
        return options;
    }

    /// <summary>Options from a configuration file: its <c>ScreenPopup</c> section (or its root, when it has none); script and batch paths relative to the file.</summary>
    /// <exception cref="CliException">The file is missing or not valid JSON (the message gives the line and position).</exception>
    public static ScreenPopupOptions FromConfig(string configFile)
    {
        var fullPath = Path.GetFullPath(configFile);
        if (!File.Exists(fullPath))
        {
            throw new CliException($"{configFile}: the configuration file does not exist");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(fullPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CliException($"{configFile}({e.LineNumber + 1},{e.BytePositionInLine + 1}): invalid JSON: {WithoutPosition(e.Message)}");
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"{configFile}: not a configuration: {WithoutPosition(e.Message)} (its root must be a JSON object)");
        }

        var section = configuration.GetSection(ScreenPopupOptions.SectionName);
        var options = ScreenPopupOptions.Bind(section.Exists() ? section : configuration);
        options.ScriptBaseDirectory = Path.GetDirectoryName(fullPath);
        return options;
    }

    /// <summary>A JSON reader's message without its own 0-based "LineNumber: … | BytePositionInLine: …": the position is given once, from 1.</summary>
    private static string WithoutPosition(string message) => message.Split(" LineNumber: ")[0].TrimEnd('.');

    /// <summary>The options of <c>--script</c> or <c>--config</c>.</summary>
    public static ScreenPopupOptions FromChoice((string Name, string Value) choice) =>
        choice.Name == "script" ? FromScript(choice.Value) : FromConfig(choice.Value);

    /// <summary>Compiles options; an invalid configuration is an input error that lists every problem.</summary>
    /// <exception cref="CliException">The options are invalid.</exception>
    public static PopupEvaluator Compile(ScreenPopupOptions options, string file)
    {
        try
        {
            return PopupEvaluator.Create(options);
        }
        catch (ScreenPopupConfigurationException e)
        {
            throw new CliException($"{file}: the configuration is invalid: " + string.Join("; ", e.Problems.Select(Describe)));
        }
    }

    /// <summary>A configuration problem as an editor-friendly line: <c>file(line,col): error code: message</c> for scripts.</summary>
    public static string Describe(ConfigurationProblem problem) =>
        problem.Diagnostic is { } diagnostic ? DiagnosticFormatter.Format(problem.SourceName ?? problem.Path, diagnostic) + $" [{problem.Path}]" : problem.ToString();

    /// <summary>The built-in sample of <c>simulate</c> (samples/shared/sample-configuration.json, shared with the demo): three services, one with a script bug.</summary>
    public static ScreenPopupOptions Sample()
    {
        using var stream = typeof(Configurations).Assembly.GetManifestResourceStream("sample-configuration.json")!;
        return ScreenPopupOptions.Bind(new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection(ScreenPopupOptions.SectionName));
    }
}
