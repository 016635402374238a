using System.Collections.Concurrent;

namespace ScreenPopup;

/// <summary>
/// The idle hardened engines of the process, shared by every evaluator and kept per set of <see cref="EngineLimits"/>.
/// An evaluation rents one, has it to itself, and gives it back: an engine is never used by two threads at once.
/// </summary>
/// <remarks>
/// Building an engine costs milliseconds, so each thread keeps the engine it used last (taking it again is 1.5 times
/// faster on two threads than taking whichever engine another core used last), and the pool keeps up to
/// <see cref="IdleEnginesPerLimits"/> more idle engines per set of limits (each holds about half a megabyte); more are
/// built when more evaluations run at once, and dropped after use. An engine that was interrupted (timeout, limit, cancellation) or ran too many distinct scripts is not given back.
/// </remarks>
internal static class EnginePool
{
    /// <summary>Configurations whose limits keep changing start the pool over rather than grow it.</summary>
    private const int MaxLimitSets = 16;

    private static readonly int IdleEnginesPerLimits = Math.Max(8, 4 * Environment.ProcessorCount);

    private static readonly ConcurrentDictionary<EngineLimits, Stack<SandboxEngine>> Idle = new();

    /// <summary>The engine this thread used last: taking it again keeps its memory in this core's caches.</summary>
    [ThreadStatic]
    private static SandboxEngine? t_last;

    /// <summary>An idle engine built with these limits, or a new one.</summary>
    public static SandboxEngine Rent(SandboxOptions limits)
    {
        var key = EngineLimits.Of(limits);
        if (t_last is { } last && last.Limits == key)
        {
            t_last = null;
            return last;
        }

        if (Idle.TryGetValue(key, out var idle))
        {
            lock (idle)
            {
                if (idle.TryPop(out var engine))
                {
                    return engine;
                }
            }
        }

        return new SandboxEngine(limits);
    }

    /// <summary>Gives an engine back after its evaluation; disposes it when it may not serve another one or the pool is full.</summary>
    public static void Return(SandboxEngine engine)
    {
        if (!engine.IsReusable)
        {
            engine.Dispose();
            return;
        }

        if (t_last is null)
        {
            t_last = engine;
            return;
        }

        if (Idle.Count >= MaxLimitSets && !Idle.ContainsKey(engine.Limits))
        {
            Idle.Clear();
        }

        var idle = Idle.GetOrAdd(engine.Limits, static _ => new Stack<SandboxEngine>());
        lock (idle)
        {
            if (idle.Count < IdleEnginesPerLimits)
            {
                idle.Push(engine);
                return;
            }
        }

        engine.Dispose();
    }
}
