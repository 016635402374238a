using Jint;

namespace ScreenPopup.Scripting;

/// <summary>
/// The one ordered list of what a new engine gets, after Jint's own options (no CLR access, no string compilation, no
/// modules, the statement, memory, recursion and regex limits, the stack guard). The order matters where a remark says so.
/// </summary>
internal static class SandboxSetup
{
    /// <summary>One step: its name (for readers and tests) and what it does to a new engine.</summary>
    internal readonly record struct Step(string Name, Action<Engine, SandboxLimits, JsonErrors> Install);

    /// <summary>The steps, in the order they run.</summary>
    internal static IReadOnlyList<Step> Steps { get; } =
    [
        // 1. Built-ins replaced or wrapped, while they can still be changed: before Lockdown freezes them.
        new("strings", (engine, limits, _) => StringBuiltIns.Apply(engine, limits)),
        new("replace", (engine, limits, _) => ReplaceBuiltIns.Apply(engine, limits)),
        new("regular expressions", (engine, limits, _) => RegExpBuiltIns.Apply(engine, limits)),
        new("arrays", (engine, limits, _) => ArrayBuiltIns.Apply(engine, limits)),
        new("single-call limits", (engine, limits, _) => SingleCallLimits.Apply(engine, limits)),
        new("JSON", JsonBuiltIns.Apply),
        new("dates", (engine, _, _) => DateBuiltIns.Apply(engine)),
        new("frozen-array writes", (engine, _, _) => FrozenArrayWrites.Apply(engine)),
        // 2. Removed before Lockdown, so that it does not freeze what scripts never get.
        new("iterator helpers removed", (engine, _, _) => RemovedGlobals.RemoveIteratorHelpers(engine)),
        // 3. Every object of the realm frozen, the override mistake tamed where built-ins are commonly shadowed.
        new("lockdown", (engine, _, _) => Lockdown.Apply(engine)),
        // 4. After Lockdown, which reaches the prototypes of these globals through them to freeze them.
        new("binary data removed", (engine, _, _) => RemovedGlobals.RemoveBinaryData(engine)),
        new("garbage-collection hooks removed", (engine, _, _) => RemovedGlobals.RemoveGarbageCollectionHooks(engine)),
    ];

    /// <summary>Runs every step on a new engine, in order.</summary>
    public static void Install(Engine engine, SandboxLimits limits, JsonErrors jsonErrors)
    {
        foreach (var step in Steps)
        {
            step.Install(engine, limits, jsonErrors);
        }
    }
}
