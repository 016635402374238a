using Jint;
using Jint.Runtime;
using Jint.Runtime.Modules;

namespace ScreenPopup.Scripting;

/// <summary>
/// The sandbox's module loader: popup scripts have no modules, so <c>import('…')</c> and
/// <c>ShadowRealm.prototype.importValue</c> fail as an ordinary, catchable <c>TypeError</c> (a rejected promise). Without a
/// loader, Jint 4.18 throws a .NET exception through the script's <c>try/catch</c>, and the engine must be discarded.
/// </summary>
internal sealed class NoModules : IModuleLoader
{
    public static NoModules Instance { get; } = new();

    private NoModules()
    {
    }

    /// <inheritdoc />
    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest) =>
        new(moduleRequest, moduleRequest.Specifier, null, SpecifierType.Bare);

    /// <inheritdoc />
    public Module LoadModule(Engine engine, ResolvedSpecifier resolved) =>
        throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot import '{resolved.Key}': popup scripts have no modules");
}
