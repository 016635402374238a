namespace ScreenPopup.Filters;

/// <summary>
/// The channels a service pops on ("servizi associati"): <c>phone</c>, <c>video</c>, <c>webchat</c>, <c>whatsapp</c>,
/// <c>custom</c> (every custom channel) and <c>custom:ID</c> (one custom channel by <c>CALL_CHANNELID</c>). Empty means every channel.
/// </summary>
internal sealed class ChannelSet
{
    private const string CustomPrefix = "custom:";

    private readonly HashSet<PopupChannel> _channels;
    private readonly HashSet<string> _customChannelIds;

    private ChannelSet(HashSet<PopupChannel> channels, HashSet<string> customChannelIds)
    {
        _channels = channels;
        _customChannelIds = customChannelIds;
    }

    /// <summary>Parses the configured entries; each invalid entry is reported by its index.</summary>
    public static ChannelSet Parse(IList<string> entries, ICollection<ConfigurationProblem> errors, string path)
    {
        var channels = new HashSet<PopupChannel>();
        var customIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]?.Trim() ?? "";
            if (entry.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase) && entry.Length > CustomPrefix.Length)
            {
                customIds.Add(entry[CustomPrefix.Length..]);
            }
            else if (TryParseChannel(entry, out var channel))
            {
                channels.Add(channel);
            }
            else
            {
                errors.Add(new ConfigurationProblem { Path = $"{path}:{i}", Message = $"'{entry}' is not a channel; use phone, video, webchat, whatsapp, custom or custom:ID" });
            }
        }

        return new ChannelSet(channels, customIds);
    }

    public bool Allows(PopupChannel channel, string channelId)
    {
        if (_channels.Count == 0 && _customChannelIds.Count == 0)
        {
            return true;
        }

        return _channels.Contains(channel) || (channel == PopupChannel.Custom && _customChannelIds.Contains(channelId));
    }

    private static bool TryParseChannel(string entry, out PopupChannel channel)
    {
        channel = default;
        var match = Enum.GetValues<PopupChannel>().Where(c => string.Equals(c.ToString(), entry, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (match.Length != 1)
        {
            return false;
        }

        channel = match[0];
        return true;
    }
}
