using System.Globalization;

namespace ScreenPopup.WebClientLatency;

/// <summary>Latencies in milliseconds, from several threads; their percentiles.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    public void Clear()
    {
        lock (_values)
        {
            _values.Clear();
        }
    }

    /// <summary>"p50 / p95 / p99" by the nearest-rank method.</summary>
    public string Percentiles()
    {
        double[] sorted;
        lock (_values)
        {
            sorted = [.. _values.Order()];
        }

        string At(double p) => sorted.Length == 0 ? "-" : sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        return $"{At(50)} / {At(95)} / {At(99)}";
    }
}
