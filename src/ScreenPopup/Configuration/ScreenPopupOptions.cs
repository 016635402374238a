namespace ScreenPopup;

/// <summary>
/// The configuration of ScreenPopup: the services and their popup scripts, the sandbox limits, and the URL rules.
/// Bound from the configuration section <c>ScreenPopup</c>; compiled into an evaluator by <see cref="PopupEvaluator.Create"/>.
/// </summary>
public sealed class ScreenPopupOptions
{
    /// <summary>The name of the configuration section these options bind from.</summary>
    public const string SectionName = "ScreenPopup";

    /// <summary>
    /// The services by code (<c>CALL_SERVIZIO</c>). Codes compare case-insensitively, as configuration keys do.
    /// </summary>
    public IDictionary<string, PopupService> Services { get; } = new Dictionary<string, PopupService>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The code of the service that handles interactions whose <c>CALL_SERVIZIO</c> is not in <see cref="Services"/>.
    /// The default value is <see langword="null"/>: such interactions get <see cref="PopupReason.ServiceUnknown"/>.
    /// </summary>
    public string? DefaultService { get; set; }

    /// <summary>The limits every script runs under.</summary>
    public SandboxOptions Sandbox { get; set; } = new();

    /// <summary>How call data is handed to legacy batch files.</summary>
    public LegacyBatchOptions Legacy { get; set; } = new();

    /// <summary>
    /// Whether the evaluator remembers, per agent (<c>USERNAME</c>), the WebClient tabs it named, for
    /// <see cref="DuplicateSuppressionOptions.Window"/>, in the state store (shared between instances when the store is):
    /// a remembered tab loads in the background as if the request listed it in <see cref="PopupRequest.OpenTabs"/>.
    /// For hosts whose clients do not report their open tabs. The default value is <see langword="false"/>: only the
    /// request's list counts.
    /// </summary>
    public bool TrackOpenTabs { get; set; }

    /// <summary>How repeated decisions for the same interaction are suppressed.</summary>
    public DuplicateSuppressionOptions DuplicateSuppression { get; set; } = new();

    /// <summary>
    /// The URL schemes a popup may open, compared case-insensitively. The default value is an empty list, which means
    /// <see cref="DefaultAllowedSchemes"/> (<c>https</c> and <c>http</c>); a list replaces them (the configuration binder
    /// appends to lists, so the defaults are not stored in this one). <c>javascript</c>, <c>data</c>, <c>file</c> and
    /// <c>vbscript</c> are never allowed, whatever this list says.
    /// </summary>
    public IList<string> AllowedSchemes { get; set; } = [];

    /// <summary>The schemes allowed when <see cref="AllowedSchemes"/> is empty: <c>https</c> and <c>http</c>.</summary>
    public static IReadOnlyList<string> DefaultAllowedSchemes { get; } = ["https", "http"];

    /// <summary>
    /// Whether <c>{$USER_PASSWORD}</c> and <c>{$ACCESS_TOKEN}</c> may be put into a plain <c>http</c> URL of a host other
    /// than the local machine. The default value is <see langword="false"/>: such a URL is <see cref="PopupReason.InsecureSecret"/>.
    /// </summary>
    public bool AllowSecretsOverHttp { get; set; }

    /// <summary>
    /// The directory a relative <see cref="PopupService.ScriptFile"/> or <see cref="PopupService.BatchFile"/> is resolved against.
    /// The default value is <see langword="null"/>: in a host (registered with <c>AddScreenPopup</c> where an
    /// <c>IHostEnvironment</c> is registered), the host's content root, where <c>appsettings.json</c> is; otherwise the
    /// application's base directory (<see cref="AppContext.BaseDirectory"/>). A relative value is resolved against that same directory.
    /// </summary>
    public string? ScriptBaseDirectory { get; set; }

    /// <summary>
    /// Whether a configuration change that leaves no service at all is applied. The default value is
    /// <see langword="false"/>: such a change (a deleted or emptied <c>ScreenPopup</c> section, say) is rejected like an
    /// invalid one, logged, and the last good configuration keeps serving. Set it in code (<c>services.Configure</c>), not
    /// in the section it guards, for it to survive that section's removal. A host may start with no service either way.
    /// </summary>
    public bool AllowReloadWithoutServices { get; set; }

    /// <summary>
    /// The most services one configuration change may remove; a change that removes more is rejected like an invalid
    /// one, logged, and the last good configuration keeps serving. The default value is <see langword="null"/>: any
    /// number, as long as one service remains (see <see cref="AllowReloadWithoutServices"/>).
    /// </summary>
    public int? MaxServicesRemovedByReload { get; set; }

    /// <summary>Problems the configuration binder found (unknown keys, values of the wrong type), reported with the other validation errors.</summary>
    internal List<ConfigurationProblem> BindingErrors { get; } = [];

    /// <summary>
    /// Where these options come from, as problems name it: the bound section's path (<c>Tenants:B:ScreenPopup</c>), or
    /// <c>ScreenPopup[B]</c> for a named evaluator configured in code; <see langword="null"/>: <c>ScreenPopup</c>.
    /// </summary>
    internal string? ConfigurationPath { get; set; }

    /// <summary>
    /// Binds options from a configuration section strictly: a misspelt key or a value of the wrong type is recorded, with
    /// its configuration path, and reported by <see cref="PopupEvaluator.Create"/> together with every other problem.
    /// Never throws for bad configuration. Hosts with dependency injection use <c>AddScreenPopup</c> instead.
    /// </summary>
    /// <param name="section">The section holding <c>Services</c>, <c>Sandbox</c>, …, usually <c>configuration.GetSection("ScreenPopup")</c>.</param>
    /// <returns>The bound options.</returns>
    public static ScreenPopupOptions Bind(Microsoft.Extensions.Configuration.IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new ScreenPopupOptions();
        ConfigurationBinding.Bind(section, options);
        return options;
    }
}
