using ScottPlot;
using Serverless.Benchmarks.Chunked;

namespace Serverless.Benchmarks.Report;

/// <summary>
/// Lease → report of the chunked job against the number of render workers, in one PNG: measured, the simulated GPU's
/// ideal, the unchunked single-worker baseline and the speed-up target (baseline ÷ 5).
/// </summary>
internal static class ScalingChart
{
    public static void Save(string path, ChunkedResults results)
    {
        var plot = new Plot();
        var runs = results.Chunked.Where(r => !double.IsNaN(r.LatencySeconds)).OrderBy(r => r.Plan.Workers).ToList();
        double[] ks = [.. runs.Select(r => (double)r.Plan.Workers)];

        var measured = plot.Add.ScatterLine(ks, [.. runs.Select(r => r.LatencySeconds)], Colors.C0);
        measured.LineWidth = 2;
        measured.MarkerSize = 8;
        measured.LegendText = Invariant($"chunked ({results.Settings.ChunkSeconds:0.#} s chunks), lease → report");

        var ideal = plot.Add.ScatterLine(ks, [.. runs.Select(results.IdealSeconds)], Colors.C2);
        ideal.LinePattern = LinePattern.Dotted;
        ideal.MarkerSize = 5;
        ideal.LegendText = "ideal: simulated GPU time only";

        foreach (var run in runs)
        {
            var label = plot.Add.Text(Invariant($"{results.SpeedUp(run):0.0}×"), run.Plan.Workers, run.LatencySeconds);
            label.LabelFontSize = 13;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 6;
        }

        var baseline = results.Baseline.LatencySeconds;
        if (!double.IsNaN(baseline))
        {
            var unchunked = plot.Add.HorizontalLine(baseline, 2, Colors.C3);
            unchunked.LinePattern = LinePattern.Dashed;
            unchunked.LegendText = Invariant($"unchunked on 1 worker ({baseline:0} s)");
            var target = plot.Add.HorizontalLine(baseline / ChunkedResults.SpeedUpTarget, 1, Colors.C1);
            target.LinePattern = LinePattern.Dashed;
            target.LegendText = Invariant(
                $"target with {ChunkedResults.TargetWorkers} workers: ≤ baseline ÷ {ChunkedResults.SpeedUpTarget:0}"
            );
        }

        plot.Title(Invariant($"{results.AudioSeconds:0} s of speech: lease → report against render workers (simulated GPUs)"));
        plot.XLabel("render workers (K)");
        plot.YLabel("seconds");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ks.Select(k => new Tick(k, Invariant($"{k:0}")))]);
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(ks.DefaultIfEmpty(1).Min() - 0.5, ks.DefaultIfEmpty(8).Max() + 0.8, 0, Math.Max(limits.Top, baseline * 1.08));
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        plot.SavePng(path, 1000, 560);
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
