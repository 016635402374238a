using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup.Legacy;

/// <summary>
/// What is done to call data before a legacy batch file sees it. cmd.exe expands <c>%VAR%</c> before it parses a line,
/// so a value holding <c>" &amp; | &lt; &gt; ^</c> or a line break would become part of the command
/// ("BatBadBut", CVE-2024-24576 and siblings).
/// </summary>
[JsonConverter(typeof(WireEnumConverter<LegacyValuePolicy>))]
public enum LegacyValuePolicy
{
    /// <summary>
    /// The default. <c>" &amp; | &lt; &gt; ^ % ! ( )</c> are percent-encoded (<c>%22 %26 %7C %3C %3E %5E %25 %21 %28 %29</c>),
    /// control characters (line breaks included) are removed. Values stay readable, and a URL built from them means what
    /// it meant: <c>%26</c> is an encoded <c>&amp;</c>.
    /// </summary>
    [JsonStringEnumMemberName("percentEncode")] PercentEncode,

    /// <summary><c>" &amp; | &lt; &gt; ^ % ! ( )</c> and control characters are removed.</summary>
    [JsonStringEnumMemberName("remove")] Remove,

    /// <summary>
    /// UNSAFE: values are passed as received. Any batch file that expands a variable with <c>%VAR%</c> can then be made
    /// to run commands by whoever controls a caller id, chat field or IVR input. Use only when every batch file reads
    /// variables with delayed expansion (<c>setlocal EnableDelayedExpansion</c> and <c>!VAR!</c>) inside quotes, and
    /// you have checked that it does.
    /// </summary>
    [JsonStringEnumMemberName("unsafeRawValues")] UnsafeRawValues,
}
