using System.Text.Json.Serialization;

namespace ScreenPopup.Serialization;

/// <summary>The source-generated serializer for the wire formats: camelCase members, nulls written, enums as their wire names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PopupRequest))]
[JsonSerializable(typeof(PopupDecision))]
internal sealed partial class PopupJsonContext : JsonSerializerContext;
