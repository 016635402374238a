using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using ScreenPopup.Filters;
using ScreenPopup.Legacy;
using ScreenPopup.Presentation;
using ScreenPopup.Scripting;

namespace ScreenPopup;

/// <summary>
/// An immutable snapshot of validated options with every script compiled. An evaluation reads one snapshot from start
/// to end, so a configuration change never affects an evaluation in flight.
/// </summary>
internal sealed class CompiledConfiguration
{
    private readonly IReadOnlyDictionary<string, CompiledService> _services;
    private readonly CompiledService? _defaultService;

    private CompiledConfiguration(IReadOnlyDictionary<string, CompiledService> services, CompiledService? defaultService, SandboxLimits sandbox, UrlPolicy urlPolicy, bool allowSecretsOverHttp, DuplicateSuppressionOptions duplicateSuppression, LegacyBatchOptions legacy, IReadOnlyList<string> scriptFiles)
    {
        Legacy = legacy;
        _services = services;
        _defaultService = defaultService;
        Sandbox = sandbox;
        UrlPolicy = urlPolicy;
        AllowSecretsOverHttp = allowSecretsOverHttp;
        DuplicateSuppression = duplicateSuppression;
        ScriptFiles = scriptFiles;
    }

    public int ServiceCount => _services.Count;

    /// <summary>The codes of the configured services.</summary>
    public IEnumerable<string> ServiceCodes => _services.Keys;

    /// <summary>The compiled scripts of every service (providers and legacy services have none).</summary>
    public IEnumerable<PopupScript> Scripts => _services.Values.Select(s => s.Script).OfType<PopupScript>();

    /// <summary>The compiled script of the service <paramref name="code"/> (ignoring case, as evaluation does, without the default service), or null.</summary>
    public PopupScript? ScriptOf(string code) => _services.TryGetValue(code, out var service) ? service.Script : null;

    /// <summary>A hash of everything the configuration was compiled from, script sources included: equal fingerprints mean equal behaviour.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The full paths of the script files this configuration was compiled from, to watch for edits.</summary>
    public IReadOnlyList<string> ScriptFiles { get; }

    public DuplicateSuppressionOptions DuplicateSuppression { get; }

    public LegacyBatchOptions Legacy { get; }

    public bool TrackOpenTabs { get; private init; }

    public SandboxLimits Sandbox { get; }

    public UrlPolicy UrlPolicy { get; }

    public bool AllowSecretsOverHttp { get; }

    public bool TryFindService(string code, [NotNullWhen(true)] out CompiledService? service) =>
        _services.TryGetValue(code, out service) || (service = _defaultService) is not null;

    /// <summary>Validates the options and compiles every script; reports every problem found, not just the first.</summary>
    /// <exception cref="ScreenPopupConfigurationException">The options are invalid.</exception>
    public static CompiledConfiguration Compile(ScreenPopupOptions options) =>
        TryCompile(options, out var configuration, out var errors) ? configuration : throw new ScreenPopupConfigurationException(errors);

    /// <summary>Validates the options and compiles every script; <paramref name="errors"/> lists every problem found.</summary>
    public static bool TryCompile(ScreenPopupOptions options, [NotNullWhen(true)] out CompiledConfiguration? configuration, out IReadOnlyList<ConfigurationProblem> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationProblem>(options.BindingErrors);
        var root = options.ConfigurationPath is { Length: > 0 } bound ? bound : ScreenPopupOptions.SectionName;

        var services = new Dictionary<string, CompiledService>(StringComparer.OrdinalIgnoreCase);
        var scriptFiles = new List<string>();
        var fingerprint = new StringBuilder();
        foreach (var (code, service) in options.Services)
        {
            var path = $"{root}:Services:{code}";
            if (service is null)
            {
                problems.Add(Problem(path, "the service has no settings"));
                continue;
            }

            var channels = ChannelSet.Parse(service.Channels ?? [], problems, $"{path}:Channels");
            var callTypes = (service.CallTypes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!Enum.IsDefined(service.ClientTarget))
            {
                problems.Add(Problem($"{path}:ClientTarget", $"'{service.ClientTarget}' is not a target; use browser, webView or webViewMultiTab"));
            }

            if (!service.Enabled)
            {
                // Nothing of a disabled service runs: it needs no script, and one that does not compile can be switched off.
                AppendService(fingerprint, code, service, callTypes);
                services[code] = new CompiledService(code, false, channels, callTypes, service.Mode, null, null, null, service.ClientTarget);
            }
            else if (service.Mode == PopupMode.LegacyBat)
            {
                if (ResolveBatchFile(service, options.ScriptBaseDirectory, path, problems) is { } batchFile)
                {
                    AppendService(fingerprint, code, service, callTypes, batchFile);
                    services[code] = new CompiledService(code, service.Enabled, channels, callTypes, service.Mode, null, null, batchFile, service.ClientTarget);
                }
            }
            else if (!Enum.IsDefined(service.Mode))
            {
                problems.Add(Problem($"{path}:Mode", $"'{service.Mode}' is not a mode; use server or legacyBat"));
            }
            else if (service.Provider is { } provider)
            {
                if (!string.IsNullOrWhiteSpace(service.Script) || !string.IsNullOrWhiteSpace(service.ScriptFile))
                {
                    problems.Add(Problem(path, "both a Provider and a script are set; keep one"));
                    continue;
                }

                AppendService(fingerprint, code, service, callTypes, provider.GetType().FullName, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(provider));
                services[code] = new CompiledService(code, service.Enabled, channels, callTypes, service.Mode, null, provider, null, service.ClientTarget);
            }
            else if (LoadScript(service, options.ScriptBaseDirectory, path, problems, scriptFiles) is { } script)
            {
                AppendService(fingerprint, code, service, callTypes, script.EntryPoint, script.Source);
                services[code] = new CompiledService(code, service.Enabled, channels, callTypes, service.Mode, script, null, null, service.ClientTarget);
            }
        }

        CompiledService? defaultService = null;
        if (options.DefaultService is { } defaultCode && !services.TryGetValue(defaultCode, out defaultService) && !options.Services.ContainsKey(defaultCode))
        {
            problems.Add(Problem($"{root}:DefaultService", $"'{defaultCode}' is not one of the configured services ({string.Join(", ", options.Services.Keys)})"));
        }

        IEnumerable<string> allowedSchemes = options.AllowedSchemes is { Count: > 0 } configured ? configured : ScreenPopupOptions.DefaultAllowedSchemes;
        ValidateSchemes(allowedSchemes, problems, $"{root}:AllowedSchemes");
        if (options.MaxServicesRemovedByReload is < 0)
        {
            problems.Add(Problem($"{root}:{nameof(ScreenPopupOptions.MaxServicesRemovedByReload)}", $"{options.MaxServicesRemovedByReload} is negative; use 0 or more, or leave it unset for any number"));
        }

        if (options.Sandbox is null)
        {
            problems.Add(Problem($"{root}:Sandbox", "the sandbox limits are missing"));
        }
        else
        {
            problems.AddRange(options.Sandbox.Validate($"{root}:Sandbox"));
        }
        ValidateDuplicateSuppression(options.DuplicateSuppression, problems, $"{root}:DuplicateSuppression");
        ValidateLegacy(options.Legacy, problems, $"{root}:Legacy");

        errors = problems;
        if (problems.Count > 0)
        {
            configuration = null;
            return false;
        }

        var duplicates = options.DuplicateSuppression!;
        var limits = options.Sandbox!.ToLimits();
        configuration = new CompiledConfiguration(
            services, defaultService, limits, new UrlPolicy(allowedSchemes), options.AllowSecretsOverHttp,
            new DuplicateSuppressionOptions { Enabled = duplicates.Enabled, Window = duplicates.Window, MaxEntries = duplicates.MaxEntries },
            new LegacyBatchOptions { ValuePolicy = options.Legacy!.ValuePolicy, MaxValueLength = options.Legacy.MaxValueLength },
            scriptFiles)
        {
            TrackOpenTabs = options.TrackOpenTabs,
            Fingerprint = Hash(fingerprint.AppendJoin('\u001F', options.DefaultService, string.Join(',', allowedSchemes), options.AllowSecretsOverHttp,
                limits,
                duplicates.Enabled, duplicates.Window, duplicates.MaxEntries, options.Legacy.ValuePolicy, options.Legacy.MaxValueLength, options.TrackOpenTabs)),
        };
        return true;
    }

    /// <summary>
    /// The directory relative script and batch paths resolve against: <see cref="ScreenPopupOptions.ScriptBaseDirectory"/>
    /// (in a host, already resolved against the content root), relative to the application's base directory when it is
    /// itself relative, or that base directory when unset.
    /// </summary>
    private static string BaseDirectory(string? configured) =>
        configured is null ? AppContext.BaseDirectory : Path.GetFullPath(configured, AppContext.BaseDirectory);

    private static PopupScript? LoadScript(PopupService service, string? baseDirectory, string path, List<ConfigurationProblem> errors, List<string> scriptFiles)
    {
        var hasInline = !string.IsNullOrWhiteSpace(service.Script);
        var hasFile = !string.IsNullOrWhiteSpace(service.ScriptFile);
        if (hasInline == hasFile)
        {
            errors.Add(Problem(path, hasInline
                ? "both Script and ScriptFile are set; keep one"
                : "the service has no script; set Script (inline JavaScript) or ScriptFile (a path), or a Provider in code"));
            return null;
        }

        var sourceName = hasFile ? service.ScriptFile! : nameof(PopupService.Script);
        string source;
        if (hasFile)
        {
            var fullPath = Path.GetFullPath(service.ScriptFile!, BaseDirectory(baseDirectory));
            scriptFiles.Add(fullPath);
            try
            {
                source = File.ReadAllText(fullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(Problem($"{path}:ScriptFile", $"cannot read '{fullPath}': {e.Message}"));
                return null;
            }
        }
        else
        {
            source = service.Script!;
        }

        if (PopupScript.TryCompile(source, sourceName, string.IsNullOrWhiteSpace(service.EntryPoint) ? null : service.EntryPoint, out var script, out var diagnostics))
        {
            return script;
        }

        errors.AddRange(diagnostics.Select(d => new ConfigurationProblem { Path = path, Message = d.Message, SourceName = sourceName, Diagnostic = d }));
        return null;
    }

    /// <summary>Resolves a legacy service's batch file: required, no script beside it, and a path cmd.exe cannot misread.</summary>
    private static string? ResolveBatchFile(PopupService service, string? baseDirectory, string path, List<ConfigurationProblem> errors)
    {
        if (!string.IsNullOrWhiteSpace(service.Script) || !string.IsNullOrWhiteSpace(service.ScriptFile))
        {
            errors.Add(Problem(path, "a legacyBat service runs its BatchFile; remove Script and ScriptFile, or set Mode to server"));
            return null;
        }

        if (service.BatchFile is not { } batchFile || string.IsNullOrWhiteSpace(batchFile))
        {
            errors.Add(Problem($"{path}:BatchFile", "a legacyBat service needs the path of its batch file, such as C:\\tvox\\winpopup.bat"));
            return null;
        }

        if (BatchPath.UnsafeCharacter(batchFile) is { } unsafeCharacter)
        {
            errors.Add(Problem($"{path}:BatchFile", $"the path holds '{unsafeCharacter}', which cmd.exe would read as syntax; rename the file or its folder"));
            return null;
        }

        return BatchPath.Resolve(batchFile, BaseDirectory(baseDirectory));
    }

    private static void ValidateLegacy(LegacyBatchOptions? legacy, List<ConfigurationProblem> errors, string path)
    {
        if (legacy is null)
        {
            errors.Add(Problem(path, "the legacy batch settings are missing"));
            return;
        }

        if (!Enum.IsDefined(legacy.ValuePolicy))
        {
            errors.Add(Problem($"{path}:ValuePolicy", $"'{legacy.ValuePolicy}' is not a policy; use percentEncode, remove or unsafeRawValues"));
        }

        if (legacy.MaxValueLength <= 0)
        {
            errors.Add(Problem($"{path}:MaxValueLength", "must be positive"));
        }
    }

    private static void ValidateSchemes(IEnumerable<string> schemes, List<ConfigurationProblem> errors, string path)
    {
        foreach (var scheme in schemes)
        {
            if (UrlPolicy.ForbiddenSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(Problem(path, $"'{scheme}' is never allowed (it runs code or reads local files)"));
            }
        }
    }

    private static void ValidateDuplicateSuppression(DuplicateSuppressionOptions? duplicates, List<ConfigurationProblem> errors, string path)
    {
        if (duplicates is null)
        {
            errors.Add(Problem(path, "the duplicate suppression settings are missing"));
            return;
        }

        if (duplicates.Window <= TimeSpan.Zero)
        {
            errors.Add(Problem($"{path}:Window", "must be positive, such as 01:00:00"));
        }

        if (duplicates.MaxEntries <= 0)
        {
            errors.Add(Problem($"{path}:MaxEntries", "must be positive"));
        }
    }

    /// <summary>Adds what decides a service's behaviour to the configuration fingerprint: its settings and its popup logic.</summary>
    private static void AppendService(StringBuilder fingerprint, string code, PopupService service, IEnumerable<string> callTypes, params object?[] logic) =>
        fingerprint.AppendJoin('\u001F', [code, service.Enabled, service.Mode, service.ClientTarget, string.Join(',', service.Channels ?? []),
            string.Join(',', callTypes.Order(StringComparer.OrdinalIgnoreCase)), .. logic]).Append('\u001E');

    private static ConfigurationProblem Problem(string path, string message) => new() { Path = path, Message = message };

    private static string Hash(StringBuilder text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
