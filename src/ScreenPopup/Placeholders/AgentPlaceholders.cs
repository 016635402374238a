using System.Runtime.InteropServices;

namespace ScreenPopup.Placeholders;

/// <summary>
/// Binds the agent placeholders <c>{$NAME}</c> and <c>&lt;$NAME&gt;</c> of a popup URL. The evaluator binds what the
/// request supplies; a client binds what is left (<see cref="PopupDecision.PendingPlaceholders"/>) with the same rules.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Names: <c>USERNAME</c>, <c>SYSTEM_USERNAME</c>, <c>USER_PASSWORD</c>, <c>ACCESS_TOKEN</c>, case-sensitive. Any other
/// name is <see cref="PopupReason.UnknownPlaceholder"/>.</item>
/// <item>Values are percent-encoded as UTF-8, keeping the RFC 3986 unreserved characters, so a value can never change the
/// URL's structure. A <see langword="null"/> or empty value leaves the placeholder in place and lists it as pending.</item>
/// <item>Secrets (<c>USER_PASSWORD</c>, <c>ACCESS_TOKEN</c>), bound or pending, are allowed only in an <c>https</c> URL or an
/// <c>http</c> URL of <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c>, unless <c>allowSecretsOverHttp</c> is set;
/// otherwise the result is <see cref="PopupReason.InsecureSecret"/>.</item>
/// </list>
/// </remarks>
public static class AgentPlaceholders
{
    /// <summary><c>USERNAME</c>: the TVox username.</summary>
    public const string Username = "USERNAME";

    /// <summary><c>SYSTEM_USERNAME</c>: the operating-system user.</summary>
    public const string SystemUsername = "SYSTEM_USERNAME";

    /// <summary><c>USER_PASSWORD</c>: the user's password (a secret).</summary>
    public const string UserPassword = "USER_PASSWORD";

    /// <summary><c>ACCESS_TOKEN</c>: the TVox session's access token (a secret).</summary>
    public const string AccessToken = "ACCESS_TOKEN";

    /// <summary>Every placeholder name as an array, for loops on the decision path that must not allocate an enumerator.</summary>
    internal static readonly string[] KnownNames = [Username, SystemUsername, UserPassword, AccessToken];

    /// <summary>Every placeholder name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(KnownNames);

    /// <summary>Binds the placeholders of <paramref name="url"/> with the values of <paramref name="agent"/>.</summary>
    /// <param name="url">A URL that may hold placeholders.</param>
    /// <param name="agent">The values to bind; unsupplied ones stay pending.</param>
    /// <param name="allowSecretsOverHttp">Whether secrets may go into a plain <c>http</c> URL of a remote host.</param>
    /// <returns>The bound URL and what is pending, or why the URL cannot be bound.</returns>
    public static PlaceholderBinding Bind(string url, AgentVariables agent, bool allowSecretsOverHttp = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(agent);
        var found = PlaceholderScanner.Find(url);
        return BindFound(url, found is List<PlaceholderScanner.Placeholder> list ? CollectionsMarshal.AsSpan(list) : [], agent, allowSecretsOverHttp);
    }

    /// <summary>
    /// Binds <paramref name="placeholders"/>, found in <paramref name="url"/> by the scanner or as marks of a script's written
    /// placeholders (<see cref="PlaceholderMarks"/>), with the values of <paramref name="agent"/>.
    /// </summary>
    internal static PlaceholderBinding BindFound(string url, ReadOnlySpan<PlaceholderScanner.Placeholder> placeholders, AgentVariables agent, bool allowSecretsOverHttp)
    {
        if (placeholders.IsEmpty)
        {
            return new PlaceholderBinding { Url = url };
        }

        if (FirstOrNull(placeholders, secret: false) is { } unknown)
        {
            return new PlaceholderBinding
            {
                Url = url,
                Error = PopupReason.UnknownPlaceholder,
                Message = UnknownPlaceholderMessage(unknown.TextIn(url), unknown.Name),
            };
        }

        // A placeholder, written or marked, holds none of the characters that delimit a scheme or host (:/?#@[]): marks decide as the text would.
        if (!allowSecretsOverHttp && FirstOrNull(placeholders, secret: true) is { } secret && !SecureTransport.Allows(url))
        {
            return new PlaceholderBinding
            {
                Url = url,
                Error = PopupReason.InsecureSecret,
                Message = $"the URL would send {secret.Name} over plain http to a remote host; use https (or http://localhost), or set AllowSecretsOverHttp",
            };
        }

        var bound = StringBuilderCache.Acquire(url.Length + 32);
        List<string>? pending = null;
        var boundSecret = false;
        var copied = 0;
        foreach (var placeholder in placeholders)
        {
            bound.Append(url, copied, placeholder.Start - copied);
            copied = placeholder.Start + placeholder.Length;
            var value = ValueOf(agent, placeholder.Name);
            if (string.IsNullOrEmpty(value))
            {
                if (placeholder.Text is { } text)
                {
                    bound.Append(text);
                }
                else
                {
                    bound.Append(url, placeholder.Start, placeholder.Length);
                }

                pending ??= [];
                if (!pending.Contains(placeholder.Name))
                {
                    pending.Add(placeholder.Name);
                }
            }
            else
            {
                PercentEncoding.Append(bound, value);
                boundSecret |= IsSecret(placeholder.Name);
            }
        }

        bound.Append(url, copied, url.Length - copied);
        return new PlaceholderBinding { Url = StringBuilderCache.GetStringAndRelease(bound), Pending = pending ?? [], BoundSecret = boundSecret };
    }

    /// <summary>The first secret placeholder, or (with <paramref name="secret"/> false) the first unknown one.</summary>
    private static PlaceholderScanner.Placeholder? FirstOrNull(ReadOnlySpan<PlaceholderScanner.Placeholder> placeholders, bool secret)
    {
        foreach (var placeholder in placeholders)
        {
            if (secret ? IsSecret(placeholder.Name) : Array.IndexOf(KnownNames, placeholder.Name) < 0)
            {
                return placeholder;
            }
        }

        return null;
    }

    /// <summary>Whether a placeholder name denotes a secret (<c>USER_PASSWORD</c>, <c>ACCESS_TOKEN</c>).</summary>
    /// <param name="name">A placeholder name.</param>
    /// <returns><see langword="true"/> for a secret.</returns>
    public static bool IsSecret(string name) => name is UserPassword or AccessToken;

    private static string? ValueOf(AgentVariables agent, string name) => name switch
    {
        Username => agent.Username,
        SystemUsername => agent.SystemUsername,
        UserPassword => agent.UserPassword,
        AccessToken => agent.AccessToken,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a placeholder name."),
    };

    private static string UnknownPlaceholderMessage(string written, string name)
    {
        var suggestion = Names.MinBy(known => EditDistance.Between(name.ToUpperInvariant(), known));
        var close = suggestion is not null && EditDistance.Between(name.ToUpperInvariant(), suggestion) <= 2;
        return $"the URL holds the unknown placeholder {written}" +
               (close ? $"; did you mean {written.Replace(name, suggestion, StringComparison.Ordinal)}?" : "") +
               $" (known: {string.Join(", ", Names)})";
    }
}
