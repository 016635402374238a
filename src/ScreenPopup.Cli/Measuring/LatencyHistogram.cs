using System.Numerics;

namespace ScreenPopup.Cli.Measuring;

/// <summary>
/// Every latency of a measurement, in <see cref="System.Diagnostics.Stopwatch"/> ticks, in log-linear buckets (32 per
/// power of two, so a percentile is within 3% of the true value), with the exact count, sum and maximum. Fixed size
/// (15 KB) and allocation-free while recording, so it sits in the core's cache beside the measured code: `bench`
/// used to keep the last 4,096 latencies only, and took its mean from the wall clock, so a mean of 8.67 µs and a p99
/// of 5.68 µs came out of one run; now the mean, p50, p99 and maximum all come from the same calls.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;

    private readonly long[] _counts = new long[(64 - SubBucketBits + 1) * SubBuckets];

    /// <summary>The number of latencies recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Their sum.</summary>
    public long Sum { get; private set; }

    /// <summary>The largest.</summary>
    public long Max { get; private set; }

    /// <summary>Records one latency.</summary>
    public void Record(long ticks)
    {
        ticks = Math.Max(0, ticks);
        _counts[Index(ticks)]++;
        Count++;
        Sum += ticks;
        Max = Math.Max(Max, ticks);
    }

    /// <summary>Adds another histogram's latencies (another thread's).</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The mean.</summary>
    public double Mean => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>The latency at or below which <paramref name="fraction"/> of the calls were (0.99 for the p99): the middle of its bucket, never above the maximum.</summary>
    public double Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, width) = Bucket(i);
                return Math.Min(Max, low + (width - 1) / 2.0);
            }
        }

        return Max;
    }

    /// <summary>Values below 32 have a bucket each; above, a power of two's range is cut into 32 equal buckets.</summary>
    private static int Index(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var highestBit = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = highestBit - SubBucketBits;
        return ((shift + 1) << SubBucketBits) + (int)((value >> shift) & (SubBuckets - 1));
    }

    private static (long Low, long Width) Bucket(int index)
    {
        if (index < SubBuckets)
        {
            return (index, 1);
        }

        var shift = (index >> SubBucketBits) - 1;
        var sub = index & (SubBuckets - 1);
        return ((long)(SubBuckets + sub) << shift, 1L << shift);
    }
}
