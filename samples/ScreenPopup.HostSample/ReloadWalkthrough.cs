using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ScreenPopup.HostSample;

/// <summary>
/// A Generic Host that reads ScreenPopup from appsettings.json, then shows a reload: a script edit takes effect
/// without a restart, and a broken edit is rejected while the last good script keeps serving.
/// </summary>
public static class ReloadWalkthrough
{
    /// <summary>Runs the walkthrough on a copy of the sample's configuration in <paramref name="workDirectory"/>.</summary>
    public static async Task RunAsync(string workDirectory, TextWriter output, CancellationToken cancellationToken = default)
    {
        CopySampleFiles(workDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = workDirectory });
        builder.Services.AddScreenPopup(); // popups/support.js resolves against the content root, beside appsettings.json
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var evaluator = host.Services.GetRequiredService<IPopupEvaluator>();
        var answer = new PopupRequest
        {
            Trigger = PopupTrigger.Answer,
            Channel = PopupChannel.Webchat,
            Call = new CallVariables { Service = "SUPPORT", Cli = "anna@example.com", CallType = "inbound" },
            Agent = new AgentVariables { Username = "mrossi" },
        };
        var sales = answer with { Channel = PopupChannel.Video, Call = answer.Call with { Service = "SALES", Cli = "+41445551234" } };

        output.WriteLine($"SUPPORT answer → {evaluator.Evaluate(answer, cancellationToken).Url}");
        output.WriteLine($"SALES answer   → {evaluator.Evaluate(sales, cancellationToken).Url}");

        var script = Path.Combine(workDirectory, "popups", "support.js");
        output.WriteLine("Editing popups/support.js: the contact page moves to /customer …");
        await File.WriteAllTextAsync(script, (await File.ReadAllTextAsync(script, cancellationToken)).Replace("/contact?", "/customer?", StringComparison.Ordinal), cancellationToken);
        var reloaded = await WaitForUrlAsync(evaluator, answer, url => url?.Contains("/customer?", StringComparison.Ordinal) == true, cancellationToken);
        output.WriteLine($"SUPPORT answer → {reloaded}");

        output.WriteLine("Breaking popups/support.js (a syntax error) …");
        await File.WriteAllTextAsync(script, "function popup(call) { return { onAnswer: ; }", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        output.WriteLine($"SUPPORT answer → {evaluator.Evaluate(answer, cancellationToken).Url}   (the last good script keeps serving)");

        await host.StopAsync(cancellationToken);
    }

    private static async Task<string?> WaitForUrlAsync(IPopupEvaluator evaluator, PopupRequest request, Func<string?, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? url;
        do
        {
            await Task.Delay(100, cancellationToken);
            url = evaluator.Evaluate(request, cancellationToken).Url;
        }
        while (!done(url) && DateTime.UtcNow < deadline);

        return url;
    }

    private static void CopySampleFiles(string workDirectory)
    {
        Directory.CreateDirectory(Path.Combine(workDirectory, "popups"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(workDirectory, "appsettings.json"), overwrite: true);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "popups", "support.js"), Path.Combine(workDirectory, "popups", "support.js"), overwrite: true);
    }
}
