using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>Compares expected JSON with actual JSON: objects by the expected properties only, arrays element by element and by length, values exactly.</summary>
internal static class JsonSubset
{
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> mismatches)
    {
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualValue))
                    {
                        mismatches.Add($"{path}.{key}: missing");
                        continue;
                    }

                    Compare(value, actualValue, $"{path}.{key}", mismatches);
                }

                break;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    mismatches.Add($"{path}: {actualArray.Count} items, expected {expectedArray.Count}");
                    break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", mismatches);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    mismatches.Add($"{path}: {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
