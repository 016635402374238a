using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Snippets;

/// <summary>docs/hosting.md and the ScreenPopup.AspNetCore README.</summary>
internal static class AgentScreen
{
    public static void Map(WebApplicationBuilder builder)
    {
        // begin-snippet: map-screenpopup
        builder.Services.AddScreenPopup();            // services and scripts from configuration ("ScreenPopup")
        builder.Services.AddAuthentication(/* how agents and the CTI adapter sign in */);

        var app = builder.Build();
        var popups = app.MapScreenPopup();            // under /screenpopup
        popups.Triggers.RequireAuthorization("cti");  // only the CTI adapter posts triggers
        popups.Agents.RequireAuthorization();         // an agent reads their own stream only
        // end-snippet
    }
}
