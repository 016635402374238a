using Microsoft.Extensions.DependencyInjection;
using ScreenPopup;
using ScreenPopup.Diagnostics;
using ScreenPopup.Duplicates;
using ScreenPopup.Filters;
using ScreenPopup.Hosting;
using ScreenPopup.Legacy;
using ScreenPopup.Placeholders;
using ScreenPopup.Presentation;
using ScreenPopup.Scripting;
using ScreenPopup.Serialization;

// A consumer of the package as shipped: configure a service, evaluate a trigger, check the decision and the README.
var options = new ScreenPopupOptions();
options.Services["SUPPORT"] = new PopupService
{
    Script = "function popup(call) { return { onAnswer: 'https://crm.example/contact?cli=' + encodeURIComponent(call.CALL_CLI), webClientOpenNewTab: true, webClientTabName: 'crm' }; }",
};
var decision = PopupEvaluator.Create(options).Evaluate(new PopupRequest
{
    Trigger = PopupTrigger.Answer,
    Call = new CallVariables { Service = "SUPPORT", Cli = "+390212345678" },
});

var problems = new List<string>();
if (decision.Action != PopupAction.Open || decision.Url != "https://crm.example/contact?cli=%2B390212345678")
{
    problems.Add($"unexpected decision: {decision}");
}

if (decision.WebClient is not { Target: WebClientTarget.NamedTab, TabName: "crm", Focus: true })
{
    problems.Add($"unexpected presentation: {decision.WebClient}");
}

var packageFolder = Path.Combine(args[0], "screenpopup", args[1]);
if (!File.Exists(Path.Combine(packageFolder, "README.md")))
{
    problems.Add($"the package has no README.md in {packageFolder}");
}

Console.WriteLine(problems.Count == 0 ? "consumer OK" : string.Join(Environment.NewLine, problems));
return problems.Count == 0 ? 0 : 1;
