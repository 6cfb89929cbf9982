using ScottPlot;
using Serverless.Benchmarks.Measures;

namespace Serverless.Benchmarks.Report;

/// <summary>
/// The latency distributions as empirical CDFs, in one PNG: left, one job at a time (pickup, overhead,
/// end-to-end, with the targets); right, end-to-end under a queued batch, pipeline against the baseline.
/// </summary>
internal static class LatencyChart
{
    public static void Save(string path, PipelineResults results)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        var alone = multiplot.GetPlot(0);
        var latency = results.Latency;
        AddCdf(alone, latency.Select(j => j.PickupSeconds), "pickup (queued → leased)", Colors.C0);
        AddCdf(alone, latency.Select(j => j.OverheadSeconds), "overhead (lease → report − speech − render)", Colors.C1);
        AddCdf(alone, latency.Select(j => j.EndToEndSeconds), "end-to-end (queued → reported)", Colors.C2);
        Target(alone, results.PickupTargetSeconds, "pickup target", Colors.C0);
        Target(alone, PipelineResults.OverheadTargetSeconds, "overhead target", Colors.C1);
        Style(alone, $"One job at a time ({latency.Count} jobs, poll every {results.PollSeconds:0} s)");

        var loaded = multiplot.GetPlot(1);
        foreach (var (batch, color) in results.Throughput.Where(t => t.Kind == "audio").Zip([Colors.C3, Colors.C4]))
            AddCdf(loaded, batch.Jobs.Select(j => j.EndToEndSeconds), $"{batch.System} end-to-end", color);
        Style(loaded, $"{results.AudioJobs} supplied-audio jobs queued at once");

        multiplot.SavePng(path, 1400, 520);
    }

    private static void AddCdf(Plot plot, IEnumerable<double> values, string label, Color color)
    {
        var xs = values.Order().ToArray();
        var ys = xs.Select((_, i) => 100.0 * (i + 1) / xs.Length).ToArray();
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.MarkerSize = 5;
        line.LegendText = label;
    }

    private static void Target(Plot plot, double seconds, string label, Color color)
    {
        var line = plot.Add.VerticalLine(seconds, 1, color);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = FormattableString.Invariant($"{label} ({seconds:0.#} s)");
    }

    private static void Style(Plot plot, string title)
    {
        plot.Title(title);
        plot.XLabel("seconds");
        plot.YLabel("% of jobs at or below");
        plot.Axes.AutoScale();
        plot.Axes.SetLimits(0, plot.Axes.GetLimits().Right, 0, 102);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
    }
}
