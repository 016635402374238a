using System.Diagnostics.CodeAnalysis;

namespace ScreenPopup;

/// <summary>
/// An immutable snapshot of validated options with every script compiled. An evaluation reads one snapshot from start
/// to end, so a configuration change never affects an evaluation in flight.
/// </summary>
internal sealed class CompiledConfiguration
{
    private readonly IReadOnlyDictionary<string, CompiledService> _services;
    private readonly CompiledService? _defaultService;

    private CompiledConfiguration(IReadOnlyDictionary<string, CompiledService> services, CompiledService? defaultService, SandboxOptions sandbox, UrlPolicy urlPolicy, bool allowSecretsOverHttp)
    {
        _services = services;
        _defaultService = defaultService;
        Sandbox = sandbox;
        UrlPolicy = urlPolicy;
        AllowSecretsOverHttp = allowSecretsOverHttp;
    }

    public SandboxOptions Sandbox { get; }

    public UrlPolicy UrlPolicy { get; }

    public bool AllowSecretsOverHttp { get; }

    public bool TryFindService(string code, [NotNullWhen(true)] out CompiledService? service) =>
        _services.TryGetValue(code, out service) || (service = _defaultService) is not null;

    /// <summary>Validates the options and compiles every script; reports every problem found, not just the first.</summary>
    public static CompiledConfiguration Compile(ScreenPopupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string root = ScreenPopupOptions.SectionName;

        var services = new Dictionary<string, CompiledService>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, service) in options.Services)
        {
            var path = $"{root}:Services:{code}";
            if (service is null)
            {
                errors.Add($"{path}: the service has no settings");
                continue;
            }

            var channels = ChannelSet.Parse(service.Channels ?? [], errors, $"{path}:Channels");
            var callTypes = (service.CallTypes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!Enum.IsDefined(service.ClientTarget))
            {
                errors.Add($"{path}:ClientTarget: '{service.ClientTarget}' is not a target; use browser, webView or webViewMultiTab");
            }

            if (LoadScript(service, options.ScriptBaseDirectory, path, errors) is { } script)
            {
                services[code] = new CompiledService(code, service.Enabled, channels, callTypes, script, service.ClientTarget);
            }
        }

        CompiledService? defaultService = null;
        if (options.DefaultService is { } defaultCode && !services.TryGetValue(defaultCode, out defaultService) && !options.Services.ContainsKey(defaultCode))
        {
            errors.Add($"{root}:DefaultService: '{defaultCode}' is not one of the configured services ({string.Join(", ", options.Services.Keys)})");
        }

        ValidateSchemes(options.AllowedSchemes, errors, $"{root}:AllowedSchemes");
        ValidateSandbox(options.Sandbox, errors, $"{root}:Sandbox");

        if (errors.Count > 0)
        {
            throw new ScreenPopupConfigurationException(errors);
        }

        return new CompiledConfiguration(services, defaultService, Copy(options.Sandbox!), new UrlPolicy(options.AllowedSchemes), options.AllowSecretsOverHttp);
    }

    private static PopupScript? LoadScript(PopupService service, string? baseDirectory, string path, List<string> errors)
    {
        var hasInline = !string.IsNullOrWhiteSpace(service.Script);
        var hasFile = !string.IsNullOrWhiteSpace(service.ScriptFile);
        if (hasInline == hasFile)
        {
            errors.Add(hasInline
                ? $"{path}: both Script and ScriptFile are set; keep one"
                : $"{path}: the service has no script; set Script (inline JavaScript) or ScriptFile (a path)");
            return null;
        }

        var sourceName = hasFile ? service.ScriptFile! : nameof(PopupService.Script);
        string source;
        if (hasFile)
        {
            var fullPath = Path.GetFullPath(service.ScriptFile!, baseDirectory ?? AppContext.BaseDirectory);
            try
            {
                source = File.ReadAllText(fullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{path}:ScriptFile: cannot read '{fullPath}': {e.Message}");
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

        errors.AddRange(diagnostics.Select(d => $"{path}: {DiagnosticFormatter.Format(sourceName, d)}"));
        return null;
    }

    private static void ValidateSchemes(IList<string>? schemes, List<string> errors, string path)
    {
        if (schemes is null || schemes.Count == 0)
        {
            errors.Add($"{path}: no scheme is allowed, so no popup could ever open; list at least one, such as https");
            return;
        }

        foreach (var scheme in schemes)
        {
            if (UrlPolicy.ForbiddenSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{path}: '{scheme}' is never allowed (it runs code or reads local files)");
            }
        }
    }

    private static void ValidateSandbox(SandboxOptions? sandbox, List<string> errors, string path)
    {
        if (sandbox is null)
        {
            errors.Add($"{path}: the sandbox limits are missing");
            return;
        }

        if (sandbox.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Timeout: must be positive, such as 00:00:00.100");
        }

        if (sandbox.RegexTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:RegexTimeout: must be positive, such as 00:00:00.050");
        }

        if (sandbox.MaxStatements <= 0)
        {
            errors.Add($"{path}:MaxStatements: must be positive");
        }

        if (sandbox.MemoryLimitBytes <= 0)
        {
            errors.Add($"{path}:MemoryLimitBytes: must be positive");
        }

        if (sandbox.MaxRecursion <= 0)
        {
            errors.Add($"{path}:MaxRecursion: must be positive");
        }
    }

    private static SandboxOptions Copy(SandboxOptions sandbox) => new()
    {
        Timeout = sandbox.Timeout,
        RegexTimeout = sandbox.RegexTimeout,
        MaxStatements = sandbox.MaxStatements,
        MemoryLimitBytes = sandbox.MemoryLimitBytes,
        MaxRecursion = sandbox.MaxRecursion,
    };
}
