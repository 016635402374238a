using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ScreenPopup.Cli.JsonLines;
using ScreenPopup.Serialization;

namespace ScreenPopup.Cli.Commands;

/// <summary>
/// <c>evaluate</c> over JSON Lines, as three stages joined by small bounded queues: reading and parsing lines;
/// compiling the configuration, then deciding in order on one evaluator (so duplicates behave as in a host);
/// serializing and writing. Compiling (most of it Jint's start-up) overlaps with parsing the first lines, and JSON work
/// with deciding (bench/README.md has the figures). Memory stays flat: at most <see cref="QueuedChunks"/> chunks wait
/// in each queue, each of at most <see cref="ChunkSize"/> requests or <see cref="ChunkBytes"/> bytes of lines. The deciding stage is one dedicated thread: the evaluator keeps an engine per thread, and stages
/// that hop between pool threads (async continuations) built an engine on each, which made the run slower, not faster.
/// </summary>
internal static class DecisionPipeline
{
    /// <summary>Requests handed from one stage to the next at once: fewer wake-ups between threads than one at a time.</summary>
    /// <remarks>
    /// Few requests wait in the queues on purpose: whatever waits there when a collection comes survives it, and with
    /// 2,048 per queue (256 × 8) 33 of the 36 collections over 100,000 requests were generation 1 (430–480 ms of pauses
    /// that stop every stage); with 256 per queue (128 × 2) it is 9–10 of 35 and 185–215 ms, the time otherwise the same.
    /// </remarks>
    private const int ChunkSize = 128;

    /// <summary>A chunk is handed on sooner once its lines reach this many bytes: callers choose how long a chat payload is, so memory is bounded in bytes, not only in requests.</summary>
    private const int ChunkBytes = 1024 * 1024;

    private const int QueuedChunks = 2;

    /// <summary>
    /// Decides every request and writes each decision as one compact line, in order. A malformed line stops the run
    /// after the decisions before it are written; its <see cref="CliException"/> is thrown then.
    /// </summary>
    /// <returns>Whether any decision was an error.</returns>
    public static bool Run(ToolConsole console, RequestReader requests, Func<PopupEvaluator> compile, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var parsed = new BlockingCollection<List<PopupRequest>>(QueuedChunks);
        using var decided = new BlockingCollection<List<(PopupRequest Request, PopupDecision Decision)>>(QueuedChunks);
        var failure = new FirstFailure();
        var chunkSize = requests.IsTyped ? 1 : ChunkSize;

        _ = Task.Factory.StartNew(() => Read(requests, chunkSize, parsed, failure, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var deciding = Task.Factory.StartNew(() => Decide(compile, parsed, decided, failure, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var anyError = false;
        using var output = new JsonLinesWriter(console.OutputStream, PopupJson.Options.Encoder);
        try
        {
            foreach (var chunk in decided.GetConsumingEnumerable(stop.Token))
            {
                foreach (var (request, decision) in chunk)
                {
                    anyError |= decision.Action == PopupAction.Error;
                    output.WriteLine(DecisionOutput.Masked(decision, request), PopupJson.DecisionTypeInfo);
                }

                if (requests.IsTyped)
                {
                    output.Flush();
                }
            }
        }
        finally
        {
            try
            {
                output.Flush();
            }
            finally
            {
                // Whatever stops the writer (an error, a closed pipe, Ctrl+C) stops the other stages. The reader is not
                // waited for: it may sit in a read of standard input that cannot be cancelled (a terminal, a quiet pipe),
                // and its thread is a background one, which does not keep the process alive.
                stop.Cancel();
                deciding.ContinueWith(_ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
            }
        }

        failure.ThrowIfAny();
        return anyError;
    }

    private static void Read(RequestReader requests, int chunkSize, BlockingCollection<List<PopupRequest>> parsed, FirstFailure failure, CancellationToken cancellationToken)
    {
        var chunk = new List<PopupRequest>(chunkSize);
        var bytes = 0L;
        try
        {
            foreach (var request in requests.Lines())
            {
                chunk.Add(request);
                bytes += requests.LastLineBytes;
                if (chunk.Count == chunkSize || bytes >= ChunkBytes)
                {
                    parsed.Add(chunk, cancellationToken);
                    chunk = new List<PopupRequest>(chunkSize);
                    bytes = 0;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure.Set(e);
        }
        finally
        {
            // The requests read before a malformed line are still decided and written.
            if (chunk.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                parsed.Add(chunk, cancellationToken);
            }

            parsed.CompleteAdding();
        }
    }

    private static void Decide(
        Func<PopupEvaluator> compile, BlockingCollection<List<PopupRequest>> parsed, BlockingCollection<List<(PopupRequest, PopupDecision)>> decided,
        FirstFailure failure, CancellationToken cancellationToken)
    {
        try
        {
            var evaluator = compile();
            foreach (var chunk in parsed.GetConsumingEnumerable(cancellationToken))
            {
                var decisions = new List<(PopupRequest, PopupDecision)>(chunk.Count);
                foreach (var request in chunk)
                {
                    decisions.Add((request, evaluator.Evaluate(request, CancellationToken.None)));
                }

                decided.Add(decisions, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure.Set(e);
        }
        finally
        {
            decided.CompleteAdding();
        }
    }

    /// <summary>The first exception of any stage, rethrown on the writing thread once the decisions before it are written.</summary>
    private sealed class FirstFailure
    {
        private ExceptionDispatchInfo? _first;

        public void Set(Exception exception) => Interlocked.CompareExchange(ref _first, ExceptionDispatchInfo.Capture(exception), null);

        public void ThrowIfAny() => _first?.Throw();
    }
}
