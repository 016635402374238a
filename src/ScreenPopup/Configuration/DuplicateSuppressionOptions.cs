namespace ScreenPopup;

/// <summary>
/// Duplicate suppression: when the same interaction (session id), trigger and agent would open a popup a second time,
/// the second decision is <see cref="PopupReason.Duplicate"/>. Demand popups are never suppressed: the agent asked.
/// </summary>
/// <remarks>
/// The session id is <c>CALL_CHANNELSESSIONID</c>, else <c>CALL_IDLASTCALL</c>; a request with neither is never
/// suppressed. The agent is <c>USERNAME</c>. Only <see cref="PopupAction.Open"/> decisions are remembered, so a trigger
/// that failed (a script error, say) may open when it comes again.
/// </remarks>
public sealed class DuplicateSuppressionOptions
{
    /// <summary>Whether duplicates are suppressed. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long an opened (session, trigger, agent) is remembered. The default value is one hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most entries the built-in in-memory store keeps; the oldest are forgotten first when it is full. Read when
    /// the store is created. The default value is 100,000.
    /// </summary>
    public int MaxEntries { get; set; } = 100_000;
}
