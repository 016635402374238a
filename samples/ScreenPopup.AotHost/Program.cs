using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScreenPopup;
using ScreenPopup.Serialization;

// Native AOT: appsettings.json binds through the library's configuration-binding source generator, the wire format
// through System.Text.Json's; nothing needs reflection. popups/ resolves against the content root.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders(); // the decision is the only output
builder.Services.AddScreenPopup();
using var host = builder.Build();
await host.StartAsync();

var request = PopupJson.DeserializeRequest(await Console.In.ReadToEndAsync());
var decision = host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(request);
Console.WriteLine(PopupJson.Serialize(decision));
await host.StopAsync();
return decision.Action == PopupAction.Error ? 1 : 0;
