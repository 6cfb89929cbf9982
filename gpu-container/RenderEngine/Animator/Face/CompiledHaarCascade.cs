namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// A <see cref="HaarCascade"/> flattened into arrays for the detector's inner loop (millions of windows a
/// picture): no objects, interfaces or enumerators per window, and each rectangle's four integral-image corners
/// as offsets from the window's corner, computed once per row length.
/// </summary>
internal sealed class CompiledHaarCascade
{
    private const int RectanglesPerFeature = 3;

    private readonly float[] _stageThresholds;
    private readonly int[] _stageTreeEnds;
    private readonly int[] _treeNodeStarts;
    private readonly int[] _treeLeafStarts;
    private readonly int[] _nodeFeatures;
    private readonly float[] _nodeThresholds;
    private readonly int[] _nodeLeft;
    private readonly int[] _nodeRight;
    private readonly float[] _leaves;
    private readonly HaarRectangle[] _rectangles;

    public CompiledHaarCascade(HaarCascade cascade)
    {
        WindowWidth = cascade.WindowWidth;
        WindowHeight = cascade.WindowHeight;
        var trees = cascade.Stages.SelectMany(stage => stage.Trees).ToList();
        _stageThresholds = [.. cascade.Stages.Select(stage => stage.Threshold)];
        _stageTreeEnds = new int[cascade.Stages.Count];
        for (int i = 0, end = 0; i < cascade.Stages.Count; i++)
            _stageTreeEnds[i] = end += cascade.Stages[i].Trees.Count;
        _treeNodeStarts = new int[trees.Count];
        _treeLeafStarts = new int[trees.Count];
        for (int i = 0, nodes = 0, leaves = 0; i < trees.Count; i++)
        {
            (_treeNodeStarts[i], _treeLeafStarts[i]) = (nodes, leaves);
            nodes += trees[i].Features.Length;
            leaves += trees[i].Leaves.Length;
        }
        _nodeFeatures = [.. trees.SelectMany(tree => tree.Features)];
        _nodeThresholds = [.. trees.SelectMany(tree => tree.Thresholds)];
        _nodeLeft = [.. trees.SelectMany(tree => tree.Left)];
        _nodeRight = [.. trees.SelectMany(tree => tree.Right)];
        _leaves = [.. trees.SelectMany(tree => tree.Leaves)];
        _rectangles = new HaarRectangle[cascade.Features.Count * RectanglesPerFeature];
        for (var f = 0; f < cascade.Features.Count; f++)
        {
            var rectangles = cascade.Features[f].Rectangles;
            if (rectangles.Count > RectanglesPerFeature)
                throw new InvalidDataException(
                    $"a Haar feature has {rectangles.Count} rectangles; at most {RectanglesPerFeature} are supported"
                );
            for (var r = 0; r < rectangles.Count; r++)
                _rectangles[f * RectanglesPerFeature + r] = rectangles[r];
        }
    }

    public int WindowWidth { get; }

    public int WindowHeight { get; }

    /// <summary>The four corner offsets of every feature rectangle in an integral image whose rows are <paramref name="stride"/> long.</summary>
    public int[] CornerOffsets(int stride)
    {
        var offsets = new int[_rectangles.Length * 4];
        for (var i = 0; i < _rectangles.Length; i++)
        {
            var r = _rectangles[i];
            offsets[4 * i] = r.Y * stride + r.X;
            offsets[4 * i + 1] = r.Y * stride + r.X + r.Width;
            offsets[4 * i + 2] = (r.Y + r.Height) * stride + r.X;
            offsets[4 * i + 3] = (r.Y + r.Height) * stride + r.X + r.Width;
        }
        return offsets;
    }

    /// <summary>Whether every stage accepts the window whose top-left integral entry is <paramref name="origin"/>.</summary>
    public bool Accepts(int[] sums, int origin, int[] corners, double norm)
    {
        var tree = 0;
        for (var stage = 0; stage < _stageThresholds.Length; stage++)
        {
            double total = 0;
            for (; tree < _stageTreeEnds[stage]; tree++)
            {
                var start = _treeNodeStarts[tree];
                var node = 0;
                do
                {
                    var at = start + node;
                    var value = FeatureSum(sums, origin, corners, _nodeFeatures[at]) * norm;
                    node = value < _nodeThresholds[at] ? _nodeLeft[at] : _nodeRight[at];
                } while (node > 0);
                total += _leaves[_treeLeafStarts[tree] - node];
            }
            if (total < _stageThresholds[stage])
                return false;
        }
        return true;
    }

    private double FeatureSum(int[] sums, int origin, int[] corners, int feature)
    {
        double value = 0;
        for (int i = feature * RectanglesPerFeature, end = i + RectanglesPerFeature; i < end; i++)
        {
            var weight = _rectangles[i].Weight;
            if (weight == 0)
                continue;
            var c = 4 * i;
            value +=
                weight
                * (
                    sums[origin + corners[c + 3]]
                    - sums[origin + corners[c + 1]]
                    - sums[origin + corners[c + 2]]
                    + sums[origin + corners[c]]
                );
        }
        return value;
    }
}
