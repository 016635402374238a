using System.Collections.Frozen;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native.Object;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// Finds, at compile time, what in a script tries to change a built-in object: an assignment, increment or
/// <c>delete</c> on one (<c>Array.prototype.last = …</c>, <c>String.prototype.trim = …</c>, <c>Math.random = …</c>), or
/// <c>Object.defineProperty</c>, <c>Object.assign</c> and the like with one as the target. Built-ins are frozen in the
/// sandbox, so each is a <see cref="PopupDiagnosticCodes.BuiltInChanged"/> warning at its position: the change is
/// ignored or throws, and a polyfill written this way does nothing.
/// </summary>
/// <remarks>
/// A built-in is a global of a plain engine holding an object, or a property path from one (<c>Array.prototype</c>,
/// <c>globalThis.JSON</c>); a name the script declares anywhere (a variable, function, class or parameter) is the
/// script's own and not reported. The global object itself is not frozen: <c>globalThis.x = 1</c> is not reported.
/// </remarks>
internal static class BuiltInChanges
{
    /// <summary>The global names holding built-in objects, read once from a plain engine (so a Jint upgrade's new globals count).</summary>
    private static readonly Lazy<FrozenSet<string>> BuiltInGlobals = new(() =>
    {
        var global = new Engine().Global;
        return global.GetOwnPropertyKeys(Types.String)
            .Where(key => global.GetOwnProperty(key).Value is ObjectInstance && key.ToString() != "globalThis")
            .Select(key => key.ToString())
            .ToFrozenSet(StringComparer.Ordinal);
    });

    /// <summary>The functions that change their first argument: <c>Object.defineProperty(Array.prototype, …)</c> and the like.</summary>
    private static readonly FrozenSet<string> Changers = new[]
    {
        "Object.defineProperty", "Object.defineProperties", "Object.assign", "Object.setPrototypeOf",
        "Reflect.set", "Reflect.defineProperty", "Reflect.deleteProperty", "Reflect.setPrototypeOf",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The warnings for <paramref name="program"/>, the syntax tree of <paramref name="source"/>, in source order.</summary>
    public static IEnumerable<PopupDiagnostic> Find(Script program, string source)
    {
        var declared = DeclaredNames(program);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            var changed = node switch
            {
                AssignmentExpression { Left: MemberExpression target } => target.Object,
                UpdateExpression { Argument: MemberExpression target } => target.Object,
                UnaryExpression { Operator: Operator.Delete, Argument: MemberExpression target } => target.Object,
                CallExpression { Callee: MemberExpression callee, Arguments: [Expression first, ..] } when Changers.Contains(PathOf(callee) ?? "") => first,
                _ => null,
            };
            if (changed is not null && IsBuiltIn(changed, declared))
            {
                yield return Warning(node, source[changed.Range.Start..changed.Range.End]);
            }
        }
    }

    /// <summary>Whether an expression names a built-in object: a built-in global, or a property path from one.</summary>
    private static bool IsBuiltIn(Node expression, HashSet<string> declared) => expression switch
    {
        Identifier identifier => BuiltInGlobals.Value.Contains(identifier.Name) && !declared.Contains(identifier.Name),
        MemberExpression { Computed: false, Object: Identifier { Name: "globalThis" }, Property: Identifier property } =>
            BuiltInGlobals.Value.Contains(property.Name) && !declared.Contains("globalThis"),
        MemberExpression { Object: var owner } => IsBuiltIn(owner, declared),
        _ => false,
    };

    /// <summary>A member expression's dotted path (<c>Object.defineProperty</c>), or null when a part is not a plain name.</summary>
    private static string? PathOf(Node expression) => expression switch
    {
        Identifier identifier => identifier.Name,
        MemberExpression { Computed: false, Object: var owner, Property: Identifier property } when PathOf(owner) is { } path => path + "." + property.Name,
        _ => null,
    };

    /// <summary>Every name the script declares, in any scope: those are the script's own, whatever a global of the same name is.</summary>
    private static HashSet<string> DeclaredNames(Script program)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            IEnumerable<Node?> bindings = node switch
            {
                VariableDeclarator declarator => [declarator.Id],
                IFunction function => [.. function.Params, function.Id],
                ClassDeclaration declaration => [declaration.Id],
                CatchClause clause => [clause.Param],
                _ => [],
            };
            foreach (var binding in bindings)
            {
                // Every name in a pattern ({ JSON }, [a = Math]) counts, a default value's too: better a warning missed than a false one.
                foreach (var identifier in binding?.DescendantNodesAndSelf().OfType<Identifier>() ?? [])
                {
                    names.Add(identifier.Name);
                }
            }
        }

        return names;
    }

    private static PopupDiagnostic Warning(Node node, string builtIn) => new()
    {
        Severity = DiagnosticSeverity.Warning,
        Code = PopupDiagnosticCodes.BuiltInChanged,
        Message = $"this changes the built-in {Shorten(builtIn)}, and built-ins are frozen in the popup sandbox: the change is ignored or throws a " +
                  "TypeError, so a polyfill does not install; write a helper function of the script's own instead " +
                  "(\"Differences from standard JavaScript\" in docs/scripts.md)",
        Line = node.Location.Start.Line,
        Column = node.Location.Start.Column + 1,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
