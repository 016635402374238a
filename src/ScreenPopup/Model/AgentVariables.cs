using System.Text;
using System.Text.Json.Serialization;
using ScreenPopup.Placeholders;

namespace ScreenPopup;

/// <summary>
/// The agent's variables. Scripts never see them: they reach a URL only through the
/// <c>{$NAME}</c> / <c>&lt;$NAME&gt;</c> placeholders bound by <see cref="AgentPlaceholders"/>.
/// </summary>
/// <remarks>
/// A <see langword="null"/> or empty value counts as not supplied: its placeholder stays in the URL and is listed in
/// <see cref="PopupDecision.PendingPlaceholders"/>, for a client that knows the value to bind later.
/// <see cref="ToString"/> never prints <see cref="UserPassword"/>, <see cref="AccessToken"/> or <see cref="Pin"/>.
/// </remarks>
public sealed record AgentVariables
{
    /// <summary><c>USERNAME</c>: the TVox username of the user receiving the interaction.</summary>
    [JsonPropertyName("USERNAME")] public string? Username { get; init; }

    /// <summary><c>SYSTEM_USERNAME</c>: the operating-system user on the agent's PC.</summary>
    [JsonPropertyName("SYSTEM_USERNAME")] public string? SystemUsername { get; init; }

    /// <summary><c>USER_PASSWORD</c>: the user's password. A secret.</summary>
    [JsonPropertyName("USER_PASSWORD")] public string? UserPassword { get; init; }

    /// <summary><c>ACCESS_TOKEN</c>: the access token of the user's authenticated TVox session. A secret.</summary>
    [JsonPropertyName("ACCESS_TOKEN")] public string? AccessToken { get; init; }

    /// <summary><c>PIN</c>: the agent's PIN, used by legacy batch popups. Not a URL placeholder; a secret in serialized batch environments.</summary>
    [JsonPropertyName("PIN")] public string? Pin { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username)
            .Append(", SystemUsername = ").Append(SystemUsername)
            .Append(", UserPassword = ").Append(Mask(UserPassword))
            .Append(", AccessToken = ").Append(Mask(AccessToken))
            .Append(", Pin = ").Append(Mask(Pin));
        return true;
    }

    private static string? Mask(string? secret) => string.IsNullOrEmpty(secret) ? secret : "***";
}
