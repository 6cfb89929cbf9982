using System.Globalization;
using System.Xml.Linq;

namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// An OpenCV Haar cascade (the <c>opencv_storage</c> XML that Debian's <c>opencv-data</c> ships): boosted stages of
/// small trees over upright Haar features of a fixed detection window.
/// </summary>
internal sealed record HaarCascade(int WindowWidth, int WindowHeight, IReadOnlyList<HaarStage> Stages, IReadOnlyList<HaarFeature> Features)
{
    public static HaarCascade Load(string path)
    {
        try
        {
            return Parse(XDocument.Load(path));
        }
        catch (Exception error) when (error is System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not an OpenCV Haar cascade: {error.Message}", error);
        }
    }

    private static HaarCascade Parse(XDocument document)
    {
        var cascade = document.Root?.Element("cascade") ?? throw new InvalidOperationException("there is no <cascade> element");
        if ((string?)cascade.Element("featureType") != "HAAR" || (string?)cascade.Element("stageType") != "BOOST")
            throw new InvalidOperationException("only boosted Haar cascades are supported");

        var features = Items(cascade.Element("features")).Select(ParseFeature).ToList();
        var stages = Items(cascade.Element("stages"))
            .Select(stage => new HaarStage(
                (float)Number(stage.Element("stageThreshold")),
                [.. Items(stage.Element("weakClassifiers")).Select(ParseTree)]
            ))
            .ToList();
        foreach (var tree in stages.SelectMany(stage => stage.Trees))
            if (tree.Features.Any(feature => feature < 0 || feature >= features.Count))
                throw new InvalidOperationException("a tree uses a feature that does not exist");
        if (stages.Count == 0)
            throw new InvalidOperationException("the cascade has no stages");
        return new HaarCascade((int)Number(cascade.Element("width")), (int)Number(cascade.Element("height")), stages, features);
    }

    private static HaarFeature ParseFeature(XElement feature)
    {
        if (feature.Element("tilted") is { } tilted && (string)tilted != "0")
            throw new InvalidOperationException("tilted features are not supported");
        return new HaarFeature([
            .. Items(feature.Element("rects"))
                .Select(rectangle => Numbers(rectangle))
                .Select(n => new HaarRectangle((int)n[0], (int)n[1], (int)n[2], (int)n[3], (float)n[4])),
        ]);
    }

    /// <summary>Nodes are "left right feature threshold" quadruples; leaves follow as plain values.</summary>
    private static HaarTree ParseTree(XElement tree)
    {
        var nodes = Numbers(tree.Element("internalNodes"));
        var leaves = Numbers(tree.Element("leafValues"));
        if (nodes.Length == 0 || nodes.Length % 4 != 0)
            throw new InvalidOperationException("a tree's internal nodes are not quadruples");
        var count = nodes.Length / 4;
        int[] left = new int[count],
            right = new int[count],
            features = new int[count];
        var thresholds = new float[count];
        for (var i = 0; i < count; i++)
        {
            (left[i], right[i], features[i], thresholds[i]) = (
                (int)nodes[4 * i],
                (int)nodes[4 * i + 1],
                (int)nodes[4 * i + 2],
                (float)nodes[4 * i + 3]
            );
            if (left[i] >= count || right[i] >= count || -left[i] >= leaves.Length || -right[i] >= leaves.Length)
                throw new InvalidOperationException("a tree points to a node or leaf that does not exist");
        }
        return new HaarTree(features, thresholds, left, right, [.. leaves.Select(value => (float)value)]);
    }

    private static IEnumerable<XElement> Items(XElement? list) =>
        list?.Elements("_") ?? throw new InvalidOperationException("an expected list is missing");

    private static double Number(XElement? element) =>
        double.Parse(
            element?.Value.Trim() ?? throw new InvalidOperationException("an expected number is missing"),
            CultureInfo.InvariantCulture
        );

    private static double[] Numbers(XElement? element) =>
        [
            .. (element?.Value ?? throw new InvalidOperationException("an expected list of numbers is missing"))
                .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(word => double.Parse(word, CultureInfo.InvariantCulture)),
        ];
}
