using System.Text;
using Microsoft.Win32.SafeHandles;
using Spectre.Console;

namespace ScreenPopup.Cli;

/// <summary>
/// Where the tool reads and writes, and what the terminal can show: colour only on a terminal and never with
/// <c>NO_COLOR</c> set; a progress display only when standard error is a terminal. Tests give writers and a stream.
/// </summary>
public sealed class ToolConsole
{
    /// <summary>The width tables are laid out in when the output is not a terminal (a file or a pipe), so rows are not wrapped at 80.</summary>
    private const int RedirectedWidth = 240;

    private IAnsiConsole? _output;
    private IAnsiConsole? _error;

    /// <summary>A console over the given streams: not a terminal, so no colour and no progress display unless set.</summary>
    /// <param name="output">Standard output: decisions, reports, tables.</param>
    /// <param name="error">Standard error: one-line errors, warnings and progress.</param>
    /// <param name="input">Standard input, read by <c>--request -</c>; empty when <see langword="null"/>.</param>
    public ToolConsole(TextWriter output, TextWriter error, Stream? input = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Output = output;
        Error = error;
        Input = input ?? Stream.Null;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input.</summary>
    public Stream Input { get; }

    /// <summary>Whether standard output is shown in colour (a terminal without <c>NO_COLOR</c>).</summary>
    public bool Colour { get; init; }

    /// <summary>Whether standard output is a terminal: tables are drawn as boxes there, in colour or not.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Whether standard error is a terminal, where long work shows its progress.</summary>
    public bool Interactive { get; init; }

    /// <summary>Whether standard input is a terminal: each decision is then written as soon as its line is typed.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether the process was started without standard input (descriptor 0 closed): <c>--request -</c> is then an input error.</summary>
    public bool InputIsClosed { get; init; }

    /// <summary>
    /// The process's console. Standard output is one buffered UTF-8 writer (flushed when the command ends, not per
    /// line: writing a batch's decisions through <see cref="Console.Out"/> flushed every line).
    /// </summary>
    /// <returns>The console.</returns>
    public static ToolConsole Standard()
    {
        var noColour = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var output = new StreamWriter(StandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { AutoFlush = false };
        var inputIsClosed = StandardInputIsClosed();
        return new ToolConsole(output, Console.Error, inputIsClosed ? Stream.Null : Console.OpenStandardInput())
        {
            InputIsClosed = inputIsClosed,
            Colour = !Console.IsOutputRedirected && !noColour,
            OutputIsTerminal = !Console.IsOutputRedirected,
            Interactive = !Console.IsErrorRedirected,
            InputIsTerminal = !Console.IsInputRedirected,
        };
    }

    /// <summary>
    /// Whether the process has no standard input: descriptor 0 closed (a job started with <c>&lt;&amp;-</c>). The
    /// descriptor is then free, and the next file or pipe the process opens takes it: reading "standard input" read the
    /// script's bytes (native code, where descriptor 0 is still free when the tool starts) or waited forever on the
    /// runtime's own pipe (the JIT build, whose runtime made that pipe in descriptor 0 before the tool started). So a
    /// missing descriptor 0, or a pipe whose writing end this process holds, is no standard input (the runtime's copies
    /// of descriptor 0 are reading ends). Read from /proc on Linux; elsewhere standard input is taken as given.
    /// </summary>
    private static bool StandardInputIsClosed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var target = LinkTargetOrNull("0");
        if (target is null)
        {
            return true;
        }

        return target.StartsWith("pipe:[", StringComparison.Ordinal)
            && Directory.EnumerateFileSystemEntries("/proc/self/fd").Select(Path.GetFileName).Any(fd => LinkTargetOrNull(fd!) == target && IsOpenForWriting(fd!));
    }

    /// <summary>Where a descriptor of this process points; <see langword="null"/> when it is not open.</summary>
    private static string? LinkTargetOrNull(string descriptor)
    {
        try
        {
            return Path.Exists($"/proc/self/fd/{descriptor}") ? new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget : null;
        }
        catch (IOException)
        {
            return null; // closed meanwhile
        }
    }

    /// <summary>Whether a descriptor of this process was opened for writing (the access mode in the flags of /proc/self/fdinfo, octal).</summary>
    private static bool IsOpenForWriting(string descriptor)
    {
        try
        {
            var flags = File.ReadLines($"/proc/self/fdinfo/{descriptor}").FirstOrDefault(line => line.StartsWith("flags:", StringComparison.Ordinal));
            return flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 3) != 0;
        }
        catch (IOException)
        {
            return false; // closed meanwhile
        }
    }

    /// <summary>
    /// Standard output as bytes, for UTF-8 written without making strings (<c>evaluate</c>'s decisions): the stream under
    /// the process's writer (flushed first, so text written before stays before), or, for any other writer, a stream
    /// that decodes whole lines into it.
    /// </summary>
    internal Stream OutputStream
    {
        get
        {
            if (Output is StreamWriter { BaseStream: { } stream } writer)
            {
                writer.Flush();
                return stream;
            }

            return new TextWriterStream(Output);
        }
    }

    /// <summary>How tables are drawn: boxes on a terminal; Markdown (pipes and dashes, no padding rows) in a file or a pipe, where it pastes into an issue as a table.</summary>
    internal TableBorder TableBorder => OutputIsTerminal || Colour ? TableBorder.Rounded : TableBorder.Markdown;

    /// <summary>
    /// A table cell of text that may hold anything (caller data, a script's message): always plain text, never markup, and
    /// in a Markdown table its <c>|</c> escaped, so that it cannot end the cell and shift the row.
    /// </summary>
    internal Text Cell(string text) => new(TableBorder == TableBorder.Markdown ? text.Replace("|", "\\|", StringComparison.Ordinal) : text);

    /// <summary>
    /// Writes a table: drawn by Spectre on a terminal; in a file or a pipe, its lines without the padding Spectre adds
    /// (blank lines above and below, trailing spaces), so the output diffs and pastes cleanly.
    /// </summary>
    internal void Write(Table table)
    {
        if (OutputIsTerminal || Colour)
        {
            Rich.Write(table);
            return;
        }

        using var text = new StringWriter();
        Create(text, colour: false, terminal: false).Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            if (line.TrimEnd() is { Length: > 0 } trimmed)
            {
                Output.WriteLine(trimmed);
            }
        }
    }

    /// <summary>
    /// Standard output as a plain file stream off Windows: the console stream .NET gives ignores a closed pipe
    /// (<c>| head -1</c>), so a run went on deciding a whole file, or forever on a stream; a file stream reports it.
    /// </summary>
    private static Stream StandardOutput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>Standard output for tables and coloured text.</summary>
    internal IAnsiConsole Rich => _output ??= Create(Output, Colour, terminal: OutputIsTerminal || Colour);

    /// <summary>Standard error for the progress display.</summary>
    internal IAnsiConsole RichError => _error ??= Create(Error, colour: false, terminal: Interactive);

    private static IAnsiConsole Create(TextWriter writer, bool colour, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = colour || terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>UTF-8 bytes written into a <see cref="TextWriter"/>; each write must end on a character boundary (JSON Lines writes whole lines).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(Encoding.UTF8.GetString(buffer));

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
