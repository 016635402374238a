using System.Runtime.InteropServices;
using ScreenPopup.Cli;

// Ctrl+C and SIGTERM ask the command to stop (exit 130, no stack trace); a second Ctrl+C ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});

return await ScreenPopupTool.RunAsync(args, ToolConsole.Standard(), interrupt.Token);
