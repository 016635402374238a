using ScreenPopup.HostSample;

// Works on a copy of appsettings.json and popups/, so the walkthrough's edits never touch the sample's own files.
var workDirectory = Directory.CreateTempSubdirectory("screenpopup-host-").FullName;
try
{
    await ReloadWalkthrough.RunAsync(workDirectory, Console.Out);
}
finally
{
    Directory.Delete(workDirectory, recursive: true);
}
