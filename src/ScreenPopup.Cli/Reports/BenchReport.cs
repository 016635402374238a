namespace ScreenPopup.Cli.Reports;

/// <summary><c>bench --format json</c>: the decision measured, the settings, both measurements, their ratios and, on more than one thread, the scaling.</summary>
internal sealed record BenchReport(string Decision, int Threads, int Seconds, BenchFigures Screenpopup, BenchFigures Baseline, BenchRatio Ratio, BenchScaling? Scaling);

/// <summary>One measurement. Mean, p50, p99 and maximum are of the same calls (every call of the measurement, on every thread).</summary>
internal sealed record BenchFigures(double DecisionsPerSecond, double MeanMicroseconds, double P50Microseconds, double P99Microseconds, double MaxMicroseconds, double BytesPerDecision, long Decisions);

/// <summary>ScreenPopup over the baseline: mean time and bytes allocated per decision.</summary>
internal sealed record BenchRatio(double Time, double Bytes);

/// <summary>Throughput on T threads over throughput on one, the median of alternating rounds.</summary>
internal sealed record BenchScaling(int Rounds, double Screenpopup, double Baseline);
