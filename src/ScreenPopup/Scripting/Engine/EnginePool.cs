using System.Collections.Concurrent;

namespace ScreenPopup.Scripting;

/// <summary>
/// The idle hardened engines of one evaluator (its <see cref="PopupRuntime"/>, which outlives configuration reloads), kept
/// per set of <see cref="SandboxLimits"/>. An evaluation rents one, has it to itself, and gives it back: an engine is never
/// used by two threads at once, and never by two evaluators, so evaluators built from different options (tenants) share
/// no engine even where the sandbox's freeze had a hole.
/// </summary>
/// <remarks>
/// Building an engine costs milliseconds, so each thread keeps the engine it used last (taking it again is 1.5 times
/// faster on two threads than taking whichever engine another core used last), and the pool keeps up to
/// <see cref="IdleEnginesPerLimits"/> more idle engines per set of limits (each holds about half a megabyte); more are
/// built when more evaluations run at once, and dropped after use. An engine that was interrupted (timeout, limit,
/// cancellation) or ran too many distinct scripts is not given back.
/// </remarks>
internal sealed class EnginePool
{
    /// <summary>Configurations whose limits keep changing start the pool over rather than grow it.</summary>
    private const int MaxLimitSets = 16;

    private static readonly int IdleEnginesPerLimits = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>The engine this thread used last, and the pool it belongs to: taking it again keeps its memory in this core's caches.</summary>
    [ThreadStatic]
    private static SandboxEngine? t_last;

    [ThreadStatic]
    private static EnginePool? t_lastOwner;

    private readonly ConcurrentDictionary<SandboxLimits, Stack<SandboxEngine>> _idle = new();

    /// <summary>An idle engine of this pool built with these limits, or a new one.</summary>
    public SandboxEngine Rent(SandboxLimits limits)
    {
        var key = limits;
        if (t_last is { } last && ReferenceEquals(t_lastOwner, this) && last.Limits == key)
        {
            t_last = null;
            t_lastOwner = null;
            return last;
        }

        if (_idle.TryGetValue(key, out var idle))
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

    /// <summary>Gives an engine rented from this pool back; disposes it when it may not serve another one or the pool is full.</summary>
    public void Return(SandboxEngine engine)
    {
        if (!engine.IsReusable)
        {
            engine.Dispose();
            return;
        }

        if (!ReferenceEquals(t_lastOwner, this) || t_last is null)
        {
            // This thread now serves this pool: its last engine of another pool goes back to that pool.
            var (previous, previousOwner) = (t_last, t_lastOwner);
            (t_last, t_lastOwner) = (engine, this);
            if (previous is not null)
            {
                previousOwner!.KeepIdle(previous);
            }

            return;
        }

        KeepIdle(engine);
    }

    /// <summary>Keeps a reusable engine among this pool's idle ones, or disposes it when there are enough.</summary>
    private void KeepIdle(SandboxEngine engine)
    {
        if (_idle.Count >= MaxLimitSets && !_idle.ContainsKey(engine.Limits))
        {
            _idle.Clear();
        }

        var idle = _idle.GetOrAdd(engine.Limits, static _ => new Stack<SandboxEngine>());
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
