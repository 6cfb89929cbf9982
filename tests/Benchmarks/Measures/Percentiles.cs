namespace Serverless.Benchmarks.Measures;

internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0–100), linearly interpolated between the closest ranks.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 50);
}
