// docs/hosting.md: a Generic Host with ScreenPopup. The rest of this project holds the other documentation snippets.
// begin-snippet: host-setup
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScreenPopup;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddScreenPopup();            // binds the "ScreenPopup" section of the host's configuration
using var host = builder.Build();
await host.StartAsync();                      // fails here, listing every problem, if the configuration is bad
var evaluator = host.Services.GetRequiredService<IPopupEvaluator>();   // a singleton: inject it anywhere
// end-snippet

Console.WriteLine(evaluator.GetType().Name);
await host.StopAsync();
