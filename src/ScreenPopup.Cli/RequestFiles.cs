using ScreenPopup.Serialization;

namespace ScreenPopup.Cli;

/// <summary>Reads <c>--request</c> files: one request (<c>.json</c>) or one per line (<c>.jsonl</c>).</summary>
internal static class RequestFiles
{
    /// <summary>Reads every request of the file before anything is evaluated.</summary>
    /// <exception cref="CliException">The file is missing, has another extension, or holds invalid JSON (named with line and position).</exception>
    public static IReadOnlyList<PopupRequest> Read(string file, out bool isLines)
    {
        isLines = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        if (!isLines && !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{file}: a request file is .json (one request) or .jsonl (one request per line)");
        }

        if (!File.Exists(file))
        {
            throw new CliException($"{file}: the request file does not exist");
        }

        if (!isLines)
        {
            return [Parse(File.ReadAllText(file), file)];
        }

        var requests = new List<PopupRequest>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                requests.Add(Parse(line, $"{file}:{lineNumber}"));
            }
        }

        return requests.Count > 0 ? requests : throw new CliException($"{file}: the file holds no request");
    }

    private static PopupRequest Parse(string json, string where)
    {
        try
        {
            return PopupJson.DeserializeRequest(json);
        }
        catch (PopupJsonException e)
        {
            throw new CliException($"{where}: {e.Message}");
        }
    }
}
