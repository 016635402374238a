using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace ScreenPopup.WebClientLatency;

/// <summary>
/// An agent read by a .NET Server-Sent Events reader instead of a browser: when each decision arrived over loopback.
/// Beside the browser's figures it tells the server's and the network's part from the browser's.
/// </summary>
internal sealed class StreamReaderAgent : IMeasuredAgent
{
    private readonly ConcurrentDictionary<string, double> _received = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private StreamReaderAgent(HttpClient http, string agent, TaskCompletionSource ready)
    {
        Agent = agent;
        _reading = ReadAsync(http, ready);
    }

    public string Agent { get; }

    public static async Task<IMeasuredAgent> OpenAsync(HttpClient http, string agent)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = new StreamReaderAgent(http, agent, ready);
        await ready.Task;
        return opened;
    }

    public async Task<IReadOnlyDictionary<string, double>> AppliedAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return _received;
    }

    private async Task ReadAsync(HttpClient http, TaskCompletionSource ready)
    {
        try
        {
            using var response = await http.GetAsync($"/screenpopup/events?agent={Agent}", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
            {
                if (item.EventType == "ready")
                {
                    ready.TrySetResult();
                }
                else if (item.EventType == "decision")
                {
                    var at = WallClock.NowMs();
                    _received[JsonNode.Parse(item.Data)!["interaction"]!["session"]!.GetValue<string>()] = at;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}

/// <summary>An agent whose decisions the benchmark times: a browser page or a stream reader.</summary>
internal interface IMeasuredAgent : IAsyncDisposable
{
    string Agent { get; }

    /// <summary>When each of <paramref name="count"/> decisions was applied (or received), on this process's clock.</summary>
    Task<IReadOnlyDictionary<string, double>> AppliedAsync(int count);
}
