namespace ScreenPopup.Hosting;

/// <summary>Watches script files and calls back once, shortly after a burst of edits (editors often write a file several times).</summary>
internal sealed class ScriptFileWatcher : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly Action _onChange;
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private List<FileSystemWatcher> _watchers = [];
    private bool _disposed;

    public ScriptFileWatcher(Action onChange)
    {
        _onChange = onChange;
        _timer = new Timer(_ => _onChange(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Replaces the watched files.</summary>
    public void Watch(IReadOnlyList<string> files)
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (var directory in files.GroupBy(Path.GetDirectoryName))
        {
            if (directory.Key is null || !Directory.Exists(directory.Key))
            {
                continue;
            }

            var names = directory.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            var watcher = new FileSystemWatcher(directory.Key)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, e) => OnEvent(names, e.Name);
            watcher.Created += (_, e) => OnEvent(names, e.Name);
            watcher.Deleted += (_, e) => OnEvent(names, e.Name);
            watcher.Renamed += (_, e) => { OnEvent(names, e.Name); OnEvent(names, e.OldName); };
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }

        List<FileSystemWatcher> old;
        lock (_lock)
        {
            if (_disposed)
            {
                watchers.ForEach(w => w.Dispose());
                return;
            }

            (old, _watchers) = (_watchers, watchers);
        }

        old.ForEach(w => w.Dispose());
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _watchers.ForEach(w => w.Dispose());
            _watchers = [];
        }

        _timer.Dispose();
    }

    private void OnEvent(HashSet<string?> names, string? name)
    {
        if (names.Contains(name))
        {
            _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }
}
