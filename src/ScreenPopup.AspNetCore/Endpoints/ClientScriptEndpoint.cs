using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary><c>GET {pattern}/screenpopup.js</c>: the browser client, an ES module (the package's <c>client/screenpopup.js</c>), revalidated by ETag.</summary>
internal static class ClientScriptEndpoint
{
    private static readonly Lazy<(byte[] Bytes, string ETag)> Script = new(Load);

    public static async Task HandleAsync(HttpContext context)
    {
        var (bytes, etag) = Script.Value;
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = "text/javascript; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static (byte[], string) Load()
    {
        using var resource = typeof(ClientScriptEndpoint).Assembly.GetManifestResourceStream("screenpopup.js")
                             ?? throw new InvalidOperationException("The ScreenPopup.AspNetCore assembly lacks its client script: rebuild the package.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"").ToString());
    }
}
