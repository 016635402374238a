using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>Where the TVox WebClient opens a popup URL.</summary>
[JsonConverter(typeof(WireEnumConverter<WebClientTarget>))]
public enum WebClientTarget
{
    /// <summary>In the WebClient's main page, replacing the content of its CRM frame.</summary>
    [JsonStringEnumMemberName("iframe")] Iframe,

    /// <summary>In a new browser tab every time; the tab takes focus.</summary>
    [JsonStringEnumMemberName("newTab")] NewTab,

    /// <summary>In the tab named <see cref="WebClientPresentation.TabName"/>, reused across popups.</summary>
    [JsonStringEnumMemberName("namedTab")] NamedTab,
}

/// <summary>Where the TVox desktop client opens a popup URL; configured per service.</summary>
[JsonConverter(typeof(WireEnumConverter<TvoxClientTarget>))]
public enum TvoxClientTarget
{
    /// <summary>In the system's default browser.</summary>
    [JsonStringEnumMemberName("browser")] Browser,

    /// <summary>In the client's single embedded WebView, replacing its page.</summary>
    [JsonStringEnumMemberName("webView")] WebView,

    /// <summary>In a new tab of the client's multi-tab WebView.</summary>
    [JsonStringEnumMemberName("webViewMultiTab")] WebViewMultiTab,
}

/// <summary>How the WebClient presents an opened popup.</summary>
public sealed record WebClientPresentation
{
    /// <summary>Where the page opens.</summary>
    public required WebClientTarget Target { get; init; }

    /// <summary>The tab's name for <see cref="WebClientTarget.NamedTab"/>; otherwise <see langword="null"/>.</summary>
    public string? TabName { get; init; }

    /// <summary>
    /// Whether the page comes to the foreground: always for a new tab, for a named tab only when it is not open yet
    /// (an open one reloads in the background), never for the iframe (it is already the agent's page).
    /// </summary>
    public required bool Focus { get; init; }
}

/// <summary>How the TVox desktop client presents an opened popup.</summary>
public sealed record TvoxClientPresentation
{
    /// <summary>Where the page opens.</summary>
    public required TvoxClientTarget Target { get; init; }
}
