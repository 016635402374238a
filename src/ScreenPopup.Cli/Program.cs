using ScreenPopup.Cli;

return await ScreenPopupTool.RunAsync(args, ToolConsole.Standard());
