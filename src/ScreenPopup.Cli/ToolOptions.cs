using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ScreenPopup.Cli;

/// <summary>The options the commands share, with the tool's own one-line messages (no .NET type names).</summary>
internal static class ToolOptions
{
    /// <summary><c>--request FILE</c>: a <c>.json</c> request, a <c>.jsonl</c> file of them, or <c>-</c> for JSON Lines on standard input.</summary>
    public static Option<string> Request(string description) => new("--request") { Description = description, HelpName = "FILE", Required = true };

    /// <summary><c>--script FILE.js</c>.</summary>
    public static Option<string> Script() => new("--script")
    {
        Description = "A popup script: it serves every service code and channel, in server mode, TVox Client target browser.",
        HelpName = "FILE.js",
    };

    /// <summary><c>--config FILE.json</c>.</summary>
    public static Option<string> Config(string? description = null) => new("--config")
    {
        Description = description ?? "A configuration file: its ScreenPopup section (or its root), ScriptFile and BatchFile relative to it.",
        HelpName = "FILE.json",
    };

    /// <summary>A positive whole number with a default, such as <c>--calls 20</c>.</summary>
    public static Option<int> PositiveInt(string name, int defaultValue, string description) => WholeNumber(name, defaultValue, description, smallest: 1, "a positive whole number");

    /// <summary>A whole number from 0 with a default, such as <c>--seed 0</c> (any seed is a seed).</summary>
    public static Option<int> NonNegativeInt(string name, int defaultValue, string description) => WholeNumber(name, defaultValue, description, smallest: 0, "a whole number from 0");

    private static Option<int> WholeNumber(string name, int defaultValue, string description, int smallest, string what) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= smallest)
            {
                return value;
            }

            result.AddError($"{name} must be {what}, not '{text}'.");
            return defaultValue;
        },
    };

    /// <summary><c>--format</c>: one of the given output formats, the first by default; completions offer them.</summary>
    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"The output format: {string.Join(", ", formats)} (default {formats[0]}).",
            HelpName = string.Join("|", formats),
            DefaultValueFactory = _ => formats[0],
        };
        option.CompletionSources.Add(formats);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!formats.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--format must be {string.Join(" or ", formats)}, not '{value}'.");
            }
        });
        return option;
    }

    /// <summary>Requires exactly one of <c>--script</c> and <c>--config</c> on the command (or at most one, when not <paramref name="required"/>).</summary>
    public static void OneOf(Command command, Option<string> script, Option<string> config, bool required = true) =>
        command.Validators.Add(result =>
        {
            var hasScript = result.GetResult(script) is not null;
            var hasConfig = result.GetResult(config) is not null;
            if (hasScript && hasConfig)
            {
                result.AddError("Give --script or --config, not both.");
            }
            else if (required && !hasScript && !hasConfig)
            {
                result.AddError($"'{command.Name}' needs --script FILE.js or --config FILE.json.");
            }
        });

    /// <summary>The chosen one of <c>--script</c> and <c>--config</c>, as the configuration helpers take it.</summary>
    public static (string Name, string Value)? Choice(ParseResult result, Option<string> script, Option<string> config) =>
        result.GetValue(script) is { } scriptFile ? ("script", scriptFile)
        : result.GetValue(config) is { } configFile ? ("config", configFile)
        : null;
}
