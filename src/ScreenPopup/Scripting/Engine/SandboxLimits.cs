namespace ScreenPopup.Scripting;

/// <summary>
/// The limits scripts run under, fixed when a configuration compiles (<see cref="SandboxOptions"/> validated and copied):
/// the sandbox reads these, never the mutable options. Engines are built and pooled by them.
/// </summary>
/// <remarks>
/// Adding a limit: a property here and one on <see cref="SandboxOptions"/>, with its check in
/// <c>SandboxOptions.Validate</c> and its line in <c>SandboxOptions.ToLimits</c>. The configuration's fingerprint
/// includes every member of this record, so a changed limit is a changed configuration.
/// </remarks>
internal sealed record SandboxLimits
{
    /// <summary>The limits of a default <see cref="SandboxOptions"/>.</summary>
    public static SandboxLimits Default { get; } = new SandboxOptions().ToLimits();

    /// <inheritdoc cref="SandboxOptions.Timeout"/>
    public required TimeSpan Timeout { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxStatements"/>
    public required int MaxStatements { get; init; }

    /// <inheritdoc cref="SandboxOptions.MemoryLimitBytes"/>
    public required long MemoryLimitBytes { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxRecursion"/>
    public required int MaxRecursion { get; init; }

    /// <inheritdoc cref="SandboxOptions.RegexTimeout"/>
    public required TimeSpan RegexTimeout { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxStringLength"/>
    public required int MaxStringLength { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxArrayLength"/>
    public required int MaxArrayLength { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxVariableLength"/>
    public required int MaxVariableLength { get; init; }

    /// <inheritdoc cref="SandboxOptions.MaxPopupInfoItems"/>
    public required int MaxPopupInfoItems { get; init; }

    /// <inheritdoc cref="SandboxOptions.QuarantineAfter"/>
    public required int QuarantineAfter { get; init; }

    /// <inheritdoc cref="SandboxOptions.QuarantineDuration"/>
    public required TimeSpan QuarantineDuration { get; init; }
}
