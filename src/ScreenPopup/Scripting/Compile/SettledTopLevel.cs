using Acornima.Ast;

namespace ScreenPopup.Scripting;

/// <summary>
/// Decides whether a script's top level can be run once per engine and kept, instead of once per evaluation: the popup
/// function object it creates is then called again and again, and only the global object is restored in between.
/// </summary>
/// <remarks>
/// <para>
/// That is safe only when what the top level leaves behind is either restored by the global snapshot or out of the
/// script's reach. So the top level may hold only plain function declarations, variable declarations whose values are
/// literals (a string, number, boolean or <c>null</c>: immutable, and kept as global bindings, which the restore resets),
/// and a last plain function or arrow expression as the completion value. Everything else, a call, an object or a read
/// of a call variable at top level, runs per evaluation as before.
/// </para>
/// <para>
/// The function objects themselves are not restored, so no code may reach them as values: anywhere in the script, a
/// top-level function's name may appear only in its declaration or as the callee of a direct call, and the script uses
/// none of <c>this</c> (a sloppy function's <c>this</c> is the global object, where the functions live),
/// <c>arguments</c> (<c>arguments.callee</c>) and <c>globalThis</c>. String compilation is disabled and the engine's
/// <c>caller</c> is always <c>undefined</c>, so there is no other way to a function object than naming it. A script that
/// does any of this, say <c>popup.count = 1</c>, is evaluated from its top level every time: correct, just slower.
/// </para>
/// </remarks>
internal static class SettledTopLevel
{
    /// <summary>The first thing that keeps the top level of <paramref name="program"/> from being settled, or null when nothing does.</summary>
    public static Obstacle? FindObstacle(Script program)
    {
        var body = program.Body;
        var functionNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Count; i++)
        {
            var isLast = i == body.Count - 1;
            switch (body[i])
            {
                case FunctionDeclaration { Async: false, Generator: false } declaration:
                    functionNames.Add(declaration.Id!.Name);
                    break;
                case VariableDeclaration declaration when declaration.Declarations.All(d => d is { Id: Identifier, Init: null or StringLiteral or NumericLiteral or BooleanLiteral or NullLiteral }):
                case EmptyStatement or Directive:
                    break;
                case NonSpecialExpressionStatement { Expression: FunctionExpression { Async: false, Generator: false } completion } when isLast:
                    if (completion.Id is { } name)
                    {
                        functionNames.Add(name.Name);
                    }

                    break;
                case NonSpecialExpressionStatement { Expression: ArrowFunctionExpression { Async: false } } when isLast:
                    break;
                case var statement:
                    return new Obstacle(statement, "the top level holds more than function declarations, variables set to literals and a last function");
            }
        }

        return FindReachedFunctionObject(program, functionNames);
    }

    /// <summary>One walk, parents before children: a call or declaration is seen before the identifier it allows.</summary>
    private static Obstacle? FindReachedFunctionObject(Script program, HashSet<string> functionNames)
    {
        var allowedMentions = new HashSet<Identifier>(ReferenceEqualityComparer.Instance);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ThisExpression:
                    return new Obstacle(node, "it uses 'this' (in a function called plainly, the global object, where the functions live)");
                case Identifier { Name: "arguments" or "globalThis" } identifier:
                    return new Obstacle(node, $"it uses '{identifier.Name}'");
                case Identifier identifier when functionNames.Contains(identifier.Name) && !allowedMentions.Contains(identifier):
                    return new Obstacle(node, $"the top-level function '{identifier.Name}' is used other than by calling it by name");
                case CallExpression { Callee: Identifier callee }:
                    allowedMentions.Add(callee);
                    break;
                case FunctionDeclaration { Id: { } id }:
                    allowedMentions.Add(id);
                    break;
                case FunctionExpression { Id: { } id }:
                    allowedMentions.Add(id);
                    break;
            }
        }

        return null;
    }

    /// <summary>What keeps a top level from being settled: where, and why (for <c>screenpopup check</c>).</summary>
    internal readonly record struct Obstacle(Node Node, string Reason);
}
