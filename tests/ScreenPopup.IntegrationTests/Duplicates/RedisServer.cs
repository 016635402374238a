using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScreenPopup.Tests;

/// <summary>
/// A real redis-server (Debian's redis-server package) on 127.0.0.1 and a free port, started by the test and stopped
/// with it. Without the package a test skips, naming it; with CI=true it fails instead.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly TempDirectory _directory = new();
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        if (!File.Exists(Executable))
        {
            const string missing = "redis-server is not installed: the scale-out tests need Debian's redis-server package (apt-get install -y redis-server)";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Skip(missing);
        }

        var server = new RedisServer(Loopback.FreePort());
        server.Resume();
        return server;
    }

    /// <summary>Starts (again) on the same port, and waits until it accepts connections.</summary>
    public void Resume()
    {
        var startInfo = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory.Path };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo)!;
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not accept connections on port {Port}");
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        _directory.Dispose();
    }
}
