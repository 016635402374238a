namespace Snippets;

// docs/configuration.md: configuration bound and validated without a host.
// begin-snippet: configuration-without-host
using Microsoft.Extensions.Configuration;
using ScreenPopup;

static class PopupConfiguration
{
    public static PopupEvaluator Load(string jsonFile)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(jsonFile).Build();
        // Strict: a misspelt key or a value of the wrong type is recorded, with its path, and reported by Create.
        var options = ScreenPopupOptions.Bind(configuration.GetSection(ScreenPopupOptions.SectionName));
        try
        {
            return PopupEvaluator.Create(options);   // validates everything, compiles every script
        }
        catch (ScreenPopupConfigurationException e)
        {
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine($"{problem.Path}: {problem.Message}");
            }

            throw;
        }
    }
}
// end-snippet
