using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ScreenPopup.Benchmarks;

/// <summary>
/// Throughput on one and on two threads: the same number of decisions, split evenly over <see cref="Threads"/> threads.
/// The mean is per decision, so the mean on one thread divided by the mean on two is the scaling; the plain C# URL build
/// shows what the machine itself allows in the same run. Both with the workstation GC (a console host's default) and
/// the server GC (ASP.NET Core's): gen0 collections stop every thread, and the server GC has one heap per core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GarbageCollectors))]
public class ThreadScalingBenchmarks
{
    private const int Decisions = 20_000;

    private PopupEvaluator _library = null!;

    /// <summary>How many threads share the decisions.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _library = Scripts.Evaluator(Scripts.Reference);

    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions, Description = "plain C# URL")]
    public void PlainCSharp() => Split(static () => _ = "https://crm.example/contact?cli=" + Uri.EscapeDataString(Scripts.Request.Call.Cli) + "&op=" + Uri.EscapeDataString(Scripts.Request.Agent.Username!));

    [Benchmark(OperationsPerInvoke = Decisions, Description = "library, reference script")]
    public void Library() => Split(() => _library.Evaluate(Scripts.Request));

    private void Split(Action decide) =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (var i = 0; i < Decisions / Threads; i++)
            {
                decide();
            }
        });

    /// <summary>One job per garbage collector flavour.</summary>
    private sealed class GarbageCollectors : ManualConfig
    {
        public GarbageCollectors()
        {
            AddJob(Job.Default.WithGcServer(false).WithId("workstation GC"));
            AddJob(Job.Default.WithGcServer(true).WithId("server GC"));
        }
    }
}
