using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>One trigger of one interaction, as the host receives it: what happened, to whom, and the variables.</summary>
public sealed record PopupRequest
{
    /// <summary>The moment the popup may fire.</summary>
    public required PopupTrigger Trigger { get; init; }

    /// <summary>Who receives the popup. The default value is <see cref="PopupRole.Agent"/>.</summary>
    public PopupRole Role { get; init; } = PopupRole.Agent;

    /// <summary>The channel of the interaction. The default value is <see cref="PopupChannel.Phone"/>.</summary>
    public PopupChannel Channel { get; init; } = PopupChannel.Phone;

    /// <summary>The call variables (<c>CALL_*</c>).</summary>
    public CallVariables Call { get; init => field = value ?? new(); } = new();

    /// <summary>The agent variables bound into URL placeholders.</summary>
    public AgentVariables Agent { get; init => field = value ?? new(); } = new();

    /// <summary>
    /// Who the decision is for, when the host delivers it to an agent the <see cref="Agent"/> variables may not name (the
    /// agent's id in the host; ScreenPopup.AspNetCore sets it to the agent of the stream). Duplicate suppression and
    /// tracked tabs are per agent: keyed by this id when it is set and not empty, else by <see cref="AgentVariables.Username"/>, so two
    /// agents rung for the same call each get their popup. Never bound into a URL. The default value is
    /// <see langword="null"/>.
    /// </summary>
    public string? AgentId { get; init; }

    /// <summary>
    /// The names of the WebClient tabs this agent already has open. A named tab in this list loads in the background
    /// (<see cref="WebClientPresentation.Focus"/> is <see langword="false"/>); a new one takes focus. Names compare
    /// ordinally, as browsers compare window names.
    /// </summary>
    public IReadOnlyList<string> OpenTabs { get; init => field = value ?? []; } = [];

    /// <summary>For a request built in code with an enum value its enum does not define, what is wrong and how to fix it; otherwise null.</summary>
    internal string? UndefinedEnumProblem() =>
        UndefinedProblem(Trigger, nameof(Trigger)) ?? UndefinedProblem(Role, nameof(Role)) ?? UndefinedProblem(Channel, nameof(Channel));

    private static string? UndefinedProblem<TEnum>(TEnum value, string member)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? null
            : $"PopupRequest.{member} is {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}, which {typeof(TEnum).Name} does not define; " +
              $"use one of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => WireNames.Of(v)))}.";
}
