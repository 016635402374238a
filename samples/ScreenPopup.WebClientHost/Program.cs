using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ScreenPopup;

// The reference WebClient integration, a thin host of ScreenPopup.AspNetCore: the CTI adapter posts triggers to
// /screenpopup/agents/{agent}/triggers, each agent's page receives its decisions over Server-Sent Events and the
// package's browser client (/screenpopup/screenpopup.js) applies them. A demo CRM page shows what it was called with.
// Loopback only:
//   dotnet run --project samples/ScreenPopup.WebClientHost -- --urls http://127.0.0.1:5080
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();   // serve wwwroot from the project, whatever the working directory
var crm = (builder.Configuration["urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/') + "/crm";
builder.Services.AddScreenPopup(options =>
{
    options.AllowSecretsOverHttp = false;
    options.Services["SUPPORT"] = new PopupService { Script = Popup(crm, "support", newTab: false, tab: null) };
    options.Services["SALES"] = new PopupService { Script = Popup(crm, "sales", newTab: true, tab: "crm") };
    options.Services["BILLING"] = new PopupService { Script = Popup(crm, "billing", newTab: true, tab: null) };
    options.Services["OPERATOR"] = new PopupService { Script = Popup(crm, "operator", newTab: false, tab: null).Replace("'&session='", "'&op={$USERNAME}&session='", StringComparison.Ordinal) };
});
// Agents sign in with a cookie; MapScreenPopup's default ResolveAgent names the agent of a request by the signed-in
// user's name, so an agent's page subscribes to that agent's decisions only.
// (No login page here: a request nobody signed in to is answered 401 rather than redirected.)
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
    options.Events.OnRedirectToLogin = context =>
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    });
builder.Services.AddAuthorization();
var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseDefaultFiles();
app.UseStaticFiles();

var popups = app.MapScreenPopup();
popups.Agents.RequireAuthorization();
// A real host lets only its CTI adapter post triggers, e.g. popups.Triggers.RequireAuthorization("cti") with an API
// key or client-certificate scheme; this loopback demo leaves them open so that curl can play the CTI.

// DEMO SIGN-IN: whoever asks becomes that agent. A real host signs agents in with its identity provider.
app.MapGet("/signin", async (string agent, HttpContext context) =>
{
    var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, agent)], CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(new ClaimsPrincipal(identity));
    return Results.Redirect("/?agent=" + Uri.EscapeDataString(agent));
});

// The demo CRM page: shows what it was called with (HTML-encoded: caller data is text, never markup).
app.MapGet("/crm/{area}", (string area, HttpRequest request) =>
{
    var rows = string.Concat(request.Query.Select(q => $"<tr><th>{WebUtility.HtmlEncode(q.Key)}</th><td class=\"value\" data-name=\"{WebUtility.HtmlEncode(q.Key)}\">{WebUtility.HtmlEncode(q.Value.ToString())}</td></tr>"));
    return Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>CRM {WebUtility.HtmlEncode(area)}</title></head><body><h1 id=\"area\">CRM: {WebUtility.HtmlEncode(area)}</h1><table>{rows}</table></body></html>", "text/html; charset=utf-8");
});

app.Run();

static string Popup(string crm, string area, bool newTab, string? tab) => $$"""
    function popup(call) {
      var url = '{{crm}}/{{area}}?cli=' + encodeURIComponent(call.CALL_CLI) + '&session=' + encodeURIComponent(call.CALL_CHANNELSESSIONID);
      return { onRing: url + '&event=ring', onAnswer: url + '&event=answer', onHangup: url + '&event=hangup', onDemand: url + '&event=demand',
               webClientOpenNewTab: {{(newTab ? "true" : "false")}}, webClientTabName: {{(tab is null ? "null" : "'" + tab + "'")}} };
    }
    """;
