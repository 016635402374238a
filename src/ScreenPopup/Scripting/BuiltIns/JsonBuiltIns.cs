using Acornima.Ast;
using Jint;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>JSON</c>: <c>parse</c> without a reviver is <see cref="JsonTextParser"/> (a 32-character chat payload allocated
/// 13,320 B in Jint's parser and 752 B here), and <c>stringify</c> always runs a script-level replacer, so the engine's
/// own limits are checked while it works.
/// </summary>
internal static class JsonBuiltIns
{
    private static readonly Prepared<Script> IdentityReplacer = Engine.PrepareScript("(function (key, value) { return value; })", "sandbox");

    /// <summary>Installs <c>JSON.parse</c> (throwing with <paramref name="jsonErrors"/>) and wraps <c>JSON.stringify</c>.</summary>
    public static void Apply(Engine engine, SandboxLimits limits, JsonErrors jsonErrors)
    {
        var json = engine.Global.Get("JSON").AsObject();
        BuiltIns.Wrap(engine, json, "parse", (original, self, args) => BuiltIns.Arg(args, 1).IsCallable()
            ? original.Call(self, args) // a reviver: the engine's own parser walks the result with it
            : JsonTextParser.Parse(engine, jsonErrors, TypeConverter.ToString(BuiltIns.Arg(args, 0)), limits.MaxArrayLength));

        var replacer = engine.Evaluate(IdentityReplacer);
        BuiltIns.Wrap(engine, json, "stringify", (original, self, args) =>
            original.Call(self, [BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1) is { } given && !given.IsUndefined() && !given.IsNull() ? given : replacer, BuiltIns.Arg(args, 2)]));
    }
}
