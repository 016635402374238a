namespace ScreenPopup.Placeholders;

/// <summary>The result of binding agent placeholders into a URL with <see cref="AgentPlaceholders.Bind"/>.</summary>
public sealed record PlaceholderBinding
{
    /// <summary>Whether the URL could be bound. When <see langword="false"/>, <see cref="Error"/> and <see cref="Message"/> say why.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The URL with every supplied placeholder replaced by its percent-encoded value; unchanged when binding failed.</summary>
    public required string Url { get; init; }

    /// <summary>The names of placeholders left in <see cref="Url"/> because their values were not supplied, in order of first appearance.</summary>
    public IReadOnlyList<string> Pending { get; init; } = [];

    /// <summary><see cref="PopupReason.UnknownPlaceholder"/> or <see cref="PopupReason.InsecureSecret"/> when binding failed; otherwise <see langword="null"/>.</summary>
    public PopupReason? Error { get; init; }

    /// <summary>What is wrong and how to fix it, when binding failed. Never holds a secret value.</summary>
    public string? Message { get; init; }

    /// <summary>Whether <see cref="Url"/> now holds a secret value.</summary>
    internal bool BoundSecret { get; init; }

    /// <summary>The binding for a log or debugger: never the URL, which may hold a secret bound here or earlier (a client binds what the server left pending).</summary>
    /// <returns>Whether it succeeded, the pending names and the error, with the URL written as <c>***</c>.</returns>
    public override string ToString() =>
        $"PlaceholderBinding {{ Succeeded = {Succeeded}, Url = ***, Pending = [{string.Join(", ", Pending)}], Error = {Error}, Message = {Message} }}";
}
