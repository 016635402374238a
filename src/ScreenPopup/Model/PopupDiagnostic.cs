using System.Text.Json.Serialization;
using ScreenPopup.Legacy;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>How serious a <see cref="PopupDiagnostic"/> is.</summary>
[JsonConverter(typeof(WireEnumConverter<DiagnosticSeverity>))]
public enum DiagnosticSeverity
{
    /// <summary>Something worth knowing; nothing is wrong.</summary>
    [JsonStringEnumMemberName("info")] Info,

    /// <summary>The popup works, but the script probably does not do what its author meant.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary>The popup cannot be produced.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>
/// A message about a script or its result, with the position in the script when one is known.
/// Messages never contain agent secrets.
/// </summary>
public sealed record PopupDiagnostic
{
    /// <summary>How serious the diagnostic is.</summary>
    public required DiagnosticSeverity Severity { get; init; }

    /// <summary>A stable, camelCase code: one of <see cref="PopupDiagnosticCodes"/> or a <see cref="PopupReason"/> name.</summary>
    public required string Code { get; init; }

    /// <summary>What happened and how to fix it.</summary>
    public required string Message { get; init; }

    /// <summary>The 1-based line in the script, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column in the script, when known.</summary>
    public int? Column { get; init; }
}

/// <summary>The codes of warnings and informational diagnostics. Error diagnostics use the <see cref="PopupReason"/> name as code.</summary>
public static class PopupDiagnosticCodes
{
    /// <summary>The script's result has a key that is not part of a popup definition (often a typo such as <c>onAnswere</c>).</summary>
    public const string UnknownKey = "unknownKey";

    /// <summary>The result names a WebClient tab but does not open a new tab, so the page loads in the iframe and the name is ignored.</summary>
    public const string TabNameIgnored = "tabNameIgnored";

    /// <summary>
    /// The result's <c>webClientTabName</c> starts with <c>_</c>, which browsers read as a keyword (<c>_self</c> would
    /// replace the agent's page, <c>_top</c> and <c>_parent</c> the page around it): the page opens in a new tab instead.
    /// </summary>
    public const string ReservedTabName = "reservedTabName";

    /// <summary>The script returned <c>null</c> or <c>undefined</c>: no popup for this interaction.</summary>
    public const string NoResult = "noResult";

    /// <summary>A call variable was longer than <see cref="SandboxOptions.MaxVariableLength"/>, or had more items than <see cref="SandboxOptions.MaxPopupInfoItems"/>, and was cut.</summary>
    public const string ValueTruncated = "valueTruncated";

    /// <summary>A legacy batch variable's value was changed by the <see cref="LegacyValuePolicy"/> or cut to <see cref="LegacyBatchOptions.MaxValueLength"/>.</summary>
    public const string LegacyValueChanged = "legacyValueChanged";

    /// <summary>
    /// A compile-time warning: a string literal holds part of an agent placeholder (<c>'{$' + 'USERNAME}'</c>) or one written
    /// with escape sequences. Only a placeholder written whole, as it is, in one string literal or template chunk is bound.
    /// </summary>
    public const string PlaceholderNotWhole = "placeholderNotWhole";

    /// <summary>
    /// A compile-time warning: the script assigns to, deletes from or redefines a built-in object (<c>Array.prototype.last = …</c>,
    /// <c>String.prototype.trim = …</c>, <c>Object.defineProperty(Math, …)</c>). Built-ins are frozen in the sandbox, so the
    /// change is ignored or throws a <c>TypeError</c>, and a polyfill does not install.
    /// </summary>
    public const string BuiltInChanged = "builtInChanged";

    /// <summary>
    /// A compile-time note (<see cref="DiagnosticSeverity.Info"/>): the script's top level runs on every call, not once per
    /// engine (about 0.5 µs more per decision), and why; "Fastest shape" in docs/scripts.md shows the shape that avoids it.
    /// </summary>
    public const string TopLevelRunsEveryCall = "topLevelRunsEveryCall";

    /// <summary>
    /// Info: the popup URL was changed into the form a browser loads (its WHATWG URL serialization: characters such as a
    /// space or a non-ASCII letter percent-encoded, the host lower-cased, a default port removed, dot segments resolved);
    /// the decision carries the changed URL.
    /// </summary>
    public const string UrlNormalized = "urlNormalized";
}
