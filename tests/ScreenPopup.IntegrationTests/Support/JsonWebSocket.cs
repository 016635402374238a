using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>The request-and-reply exchange of the browsers' JSON protocols (DevTools, WebDriver BiDi) over a web socket.</summary>
internal static class JsonWebSocket
{
    /// <summary>Sends <c>{ id, method, params }</c> and returns the message that answers that id, passing over events.</summary>
    public static async Task<JsonNode> CallAsync(ClientWebSocket socket, int id, string method, JsonObject parameters)
    {
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var reply = JsonNode.Parse(message.ToArray())!;
            if (reply["id"]?.GetValue<int>() == id)
            {
                return reply;
            }
        }
    }
}
