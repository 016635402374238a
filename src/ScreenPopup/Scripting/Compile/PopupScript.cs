using System.Diagnostics.CodeAnalysis;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using ScreenPopup.Placeholders;
using ScreenPopup.Serialization;

namespace ScreenPopup.Scripting;

/// <summary>
/// A popup script compiled once: immutable and safe to share between threads. Each evaluation runs it in an
/// isolated sandbox, reset between evaluations.
/// </summary>
/// <remarks>
/// The accepted shapes, tried in this order: a script whose completion value is a function (it is called); a script
/// whose completion value is an object (it is the result); a script that declares top-level functions (the one named by
/// the entry point, else the one named <c>popup</c>, else the only one declared). When the script cannot produce a
/// completion value (it holds only declarations), the function to call is chosen here, and a missing or ambiguous one
/// is a compile error rather than an error at every call.
/// </remarks>
public sealed class PopupScript
{
    private const string DefaultFunctionName = "popup";

    private PopupScript(string source, string sourceName, string? entryPoint, MarkedSource marked, Prepared<Script> prepared, IReadOnlyList<string> declaredFunctions, string? entryFunction, IReadOnlyList<PopupDiagnostic> warnings)
    {
        Source = source;
        SourceName = sourceName;
        EntryPoint = entryPoint;
        Marked = marked;
        Prepared = prepared;
        DeclaredFunctions = declaredFunctions;
        EntryFunction = entryFunction;
        EntryFunctionKey = entryFunction is null ? null : new JsString(entryFunction);
        // Of the engine's copy: a top-level variable holding a placeholder reads a slot there, so it runs on every call.
        TopLevelNote = SettledTopLevel.FindObstacle(prepared.Program!) is { } obstacle ? TopLevelRunsEveryCall(obstacle, marked) : null;
        Diagnostics = TopLevelNote is null ? warnings : [.. warnings, TopLevelNote];
    }

    /// <summary>The JavaScript source the script was compiled from.</summary>
    public string Source { get; }

    /// <summary>The script's name (its file, or the service it belongs to), used in diagnostics.</summary>
    public string SourceName { get; }

    /// <summary>The configured entry point, or <see langword="null"/>.</summary>
    public string? EntryPoint { get; }

    /// <summary>
    /// What compiling found, usually nothing; the script runs all the same. The warnings, in source order: a
    /// placeholder not written whole (<see cref="PopupDiagnosticCodes.PlaceholderNotWhole"/>), a change to a frozen
    /// built-in (<see cref="PopupDiagnosticCodes.BuiltInChanged"/>); then, as <see cref="DiagnosticSeverity.Info"/>,
    /// a note when the script's top level runs on every call rather than once per engine
    /// (<see cref="PopupDiagnosticCodes.TopLevelRunsEveryCall"/>), saying what keeps it from being settled.
    /// </summary>
    public IReadOnlyList<PopupDiagnostic> Diagnostics { get; }

    /// <summary>The names of the functions the script declares at top level, in source order.</summary>
    public IReadOnlyList<string> DeclaredFunctions { get; }

    /// <summary>The function called when the completion value is neither a function nor an object; <see langword="null"/> when there is no single candidate.</summary>
    internal string? EntryFunction { get; }

    /// <summary><see cref="EntryFunction"/> as an engine property key (immutable, shared by every engine), made once.</summary>
    internal JsString? EntryFunctionKey { get; }

    /// <summary>The engine's syntax tree: of <see cref="MarkedSource.Source"/>, the source with the admin's placeholders marked.</summary>
    internal Prepared<Script> Prepared { get; }

    /// <summary>The source the engine runs, the marks of the admin's placeholders, and the warnings about placeholders left unmarked.</summary>
    internal MarkedSource Marked { get; }

    /// <summary>The placeholders the admin wrote and the slots that hold their marks: only these are bound (see <see cref="PlaceholderMarks"/>).</summary>
    internal ScriptPlaceholders Placeholders => Marked.Placeholders;

    /// <summary>Whether an engine may run the top level once and keep it (see <see cref="SettledTopLevel"/>).</summary>
    internal bool HasSettledTopLevel => TopLevelNote is null;

    /// <summary>When the top level runs on every evaluation, an <see cref="DiagnosticSeverity.Info"/> diagnostic saying what keeps it from being settled.</summary>
    internal PopupDiagnostic? TopLevelNote { get; }

    /// <summary>Whether an engine has taken <see cref="Prepared"/> as its own tree (0 or 1, for <see cref="Interlocked"/>).</summary>
    private int _compiledTreeTaken;

    /// <summary>
    /// A syntax tree of the script for one engine's own use: the first engine to ask takes the compiled one, later ones
    /// parse their own copy. The source parsed once, so this fails only for a script nested so deeply that this thread's
    /// stack is too small to parse it where the compiling thread's was not (a <see cref="ScriptPreparationException"/>).
    /// Jint keeps interpreter caches in the tree, so engines on different threads sharing one tree write to the same
    /// memory (<c>bench/README.md</c> has the thread figures). A copy costs about 7 KB, plus 2 KB of caches once run; an
    /// engine holds at most <c>MaxDistinctScripts</c> of them and then retires.
    /// </summary>
    internal Prepared<Script> TakeTreeForEngine() =>
        Interlocked.Exchange(ref _compiledTreeTaken, 1) == 0 ? Prepared : Engine.PrepareScript(Marked.Source, SourceName, strict: false);

    /// <summary>Compiles a popup script.</summary>
    /// <param name="source">The JavaScript source.</param>
    /// <param name="sourceName">The name used in diagnostics, usually the file or the service code.</param>
    /// <param name="entryPoint">The top-level function to call, or <see langword="null"/> for the default choice.</param>
    /// <returns>The compiled script.</returns>
    /// <exception cref="ScriptCompilationException">The script does not parse, or it has no function to call.</exception>
    public static PopupScript Compile(string source, string sourceName = "script", string? entryPoint = null) =>
        TryCompile(source, sourceName, entryPoint, out var script, out var diagnostics)
            ? script
            : throw new ScriptCompilationException(sourceName, diagnostics);

    /// <summary>Compiles a popup script, reporting problems as diagnostics instead of throwing: the call an admin UI makes.</summary>
    /// <param name="source">The JavaScript source.</param>
    /// <param name="sourceName">The name used in diagnostics, usually the file or the service code.</param>
    /// <param name="entryPoint">The top-level function to call, or <see langword="null"/> for the default choice.</param>
    /// <param name="script">The compiled script, when compilation succeeded.</param>
    /// <param name="diagnostics">
    /// The errors found, each with line and column; on success, the script's <see cref="Diagnostics"/>, usually none.
    /// </param>
    /// <returns>Whether the script compiled.</returns>
    public static bool TryCompile(string source, string sourceName, string? entryPoint, [NotNullWhen(true)] out PopupScript? script, out IReadOnlyList<PopupDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceName);
        script = null;

        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(source, sourceName, strict: false);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException parseError)
        {
            diagnostics = [SyntaxError(parseError.Description, parseError.LineNumber, parseError.Column + 1)];
            return false;
        }
        catch (ScriptPreparationException e)
        {
            diagnostics = [SyntaxError(DescribePreparationFailure(e), line: null, column: null)];
            return false;
        }

        var body = prepared.Program!.Body;
        var functions = body.OfType<FunctionDeclaration>().Select(f => f.Id!.Name).Distinct(StringComparer.Ordinal).ToArray();
        var canCompleteWithValue = body.Any(statement => statement is not (Declaration or EmptyStatement));
        var entryFunction = ChooseEntryFunction(functions, entryPoint, out var shapeProblem);

        if (shapeProblem is not null && (entryPoint is not null || !canCompleteWithValue))
        {
            diagnostics = [SyntaxError(shapeProblem, line: null, column: null)];
            return false;
        }

        if (!TryMarkPlaceholders(source, sourceName, prepared, out var marked, out var engineTree, out var markingProblem))
        {
            diagnostics = [SyntaxError(markingProblem, line: null, column: null)];
            return false;
        }

        script = new PopupScript(source, sourceName, entryPoint, marked, engineTree, functions, entryFunction,
            [.. marked.Warnings.Concat(BuiltInChanges.Find(prepared.Program!, source)).OrderBy(d => d.Line).ThenBy(d => d.Column)]);
        diagnostics = script.Diagnostics;
        return true;
    }

    /// <summary>The engine's copy of the script with the admin's placeholders marked (see <see cref="PlaceholderMarking"/>), and its tree.</summary>
    private static bool TryMarkPlaceholders(string source, string sourceName, Prepared<Script> prepared, [NotNullWhen(true)] out MarkedSource? marked, out Prepared<Script> engineTree, [NotNullWhen(false)] out string? problem)
    {
        engineTree = prepared;
        if (!PlaceholderMarking.TryMark(source, prepared.Program!, out marked, out problem))
        {
            return false;
        }

        if (!ReferenceEquals(marked.Source, source))
        {
            // Only string literals and template chunks change, into identifiers and substitutions: the copy parses wherever the script did.
            engineTree = Engine.PrepareScript(marked.Source, sourceName, strict: false);
        }

        return true;
    }

    /// <summary>
    /// Explains a script that parsed as JavaScript but that the engine could not prepare: one nested deeper than the 256
    /// levels Jint walks (a chain such as <c>a + b + c</c> is one level per operator), or too deeply for the stack of the
    /// thread parsing it.
    /// </summary>
    internal static string DescribePreparationFailure(ScriptPreparationException exception) => exception.InnerException switch
    {
        ScriptPreparationException => "the script nests too deeply for the engine (at most 256 levels of nested expressions, blocks and functions, where a chain such as a + b + c is one level per operator): " + FlattenAdvice,
        InsufficientExecutionStackException => "the script nests too deeply for this thread's stack (parentheses, brackets or blocks thousands of levels deep): " + FlattenAdvice,
        _ => $"the engine could not prepare the script: {exception.Message}",
    };

    private const string FlattenAdvice = "split long expressions, for example build a long URL from an array with join(''), and move deeply nested blocks into functions";

    /// <summary>Explains why no function can be called, for a script whose completion value turned out to be neither a function nor an object.</summary>
    internal string DescribeMissingEntryFunction() =>
        ChooseEntryFunction(DeclaredFunctions, EntryPoint, out var problem) is null ? problem! : $"the function '{EntryFunction}' is not callable";

    private static string? ChooseEntryFunction(IReadOnlyList<string> functions, string? entryPoint, out string? problem)
    {
        problem = null;
        if (entryPoint is not null)
        {
            if (functions.Contains(entryPoint, StringComparer.Ordinal))
            {
                return entryPoint;
            }

            problem = $"the entry point '{entryPoint}' is not a function declared at the top level of the script ({DescribeDeclared(functions)}); " +
                      "declare 'function " + entryPoint + "(call) { … }' or change EntryPoint";
            return null;
        }

        if (functions.Contains(DefaultFunctionName, StringComparer.Ordinal))
        {
            return DefaultFunctionName;
        }

        switch (functions.Count)
        {
            case 1:
                return functions[0];
            case 0:
                problem = "the script produces no popup: end it with an object literal or a function, or declare 'function popup(call) { … }'";
                return null;
            default:
                problem = $"the script declares several functions ({string.Join(", ", functions)}) and none is named 'popup': " +
                          "rename the popup function to 'popup' or set the service's EntryPoint";
                return null;
        }
    }

    private static string DescribeDeclared(IReadOnlyList<string> functions) =>
        functions.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", functions);

    private static PopupDiagnostic TopLevelRunsEveryCall(SettledTopLevel.Obstacle obstacle, MarkedSource marked) => new()
    {
        Severity = DiagnosticSeverity.Info,
        Code = PopupDiagnosticCodes.TopLevelRunsEveryCall,
        Message = $"the top level runs on every call, not once per engine (about 0.5 µs more per decision): {obstacle.Reason}; see \"Fastest shape\" in docs/scripts.md",
        Line = obstacle.Node.Location.Start.Line,
        Column = marked.OriginalColumn(obstacle.Node.Location.Start.Line, obstacle.Node.Location.Start.Column) + 1,
    };

    private static PopupDiagnostic SyntaxError(string message, int? line, int? column) => new()
    {
        Severity = DiagnosticSeverity.Error,
        Code = WireNames.Of(PopupReason.ScriptSyntax),
        Message = message,
        Line = line,
        Column = column,
    };
}
