namespace ScreenPopup.Cli;

/// <summary>The options of one command: <c>--name value</c> pairs and <c>--help</c>, checked against what the command accepts.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    /// <summary>The command name.</summary>
    public string Command { get; }

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; private set; }

    /// <summary>Parses the arguments after the command name.</summary>
    /// <exception cref="CliException">An unknown option, a missing value, or an option given twice.</exception>
    public static CommandLine Parse(string command, IReadOnlyList<string> arguments, IReadOnlyCollection<string> accepted)
    {
        var line = new CommandLine(command);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument is "--help" or "-h")
            {
                line.HelpRequested = true;
                continue;
            }

            if (!argument.StartsWith("--", StringComparison.Ordinal) || !accepted.Contains(argument[2..]))
            {
                throw new CliException($"unknown argument '{argument}' for '{command}'; see 'screenpopup {command} --help'");
            }

            if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"{argument} needs a value; see 'screenpopup {command} --help'");
            }

            if (!line._values.TryAdd(argument[2..], arguments[++i]))
            {
                throw new CliException($"{argument} is given twice");
            }
        }

        return line;
    }

    /// <summary>The value of an option, or <see langword="null"/>.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>The value of a required option.</summary>
    /// <exception cref="CliException">It is missing.</exception>
    public string Require(string name) =>
        Get(name) ?? throw new CliException($"'{Command}' needs --{name}; see 'screenpopup {Command} --help'");

    /// <summary>A positive whole number option, or its default.</summary>
    /// <exception cref="CliException">It is not a positive whole number.</exception>
    public int PositiveInt(string name, int defaultValue) =>
        Get(name) is not { } text ? defaultValue
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CliException($"--{name} must be a positive whole number, not '{text}'");

    /// <summary>Exactly one of two options, for choices such as <c>--script</c> or <c>--config</c>.</summary>
    /// <exception cref="CliException">Both are given, or (when required) neither.</exception>
    public (string Name, string Value)? OneOf(string first, string second, bool required)
    {
        var a = Get(first);
        var b = Get(second);
        if (a is not null && b is not null)
        {
            throw new CliException($"give --{first} or --{second}, not both");
        }

        if (a is null && b is null)
        {
            return required ? throw new CliException($"'{Command}' needs --{first} FILE or --{second} FILE; see 'screenpopup {Command} --help'") : null;
        }

        return a is not null ? (first, a) : (second, b!);
    }
}
