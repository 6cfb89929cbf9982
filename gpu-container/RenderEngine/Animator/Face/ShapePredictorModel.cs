namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// dlib's shape predictor (an ensemble of regression trees, Kazemi and Sullivan 2014) read from its own
/// serialization (<c>shape_predictor_68_face_landmarks.dat</c>): the mean shape in face-box coordinates
/// (0..1), then per cascade level the trees and the feature pixels.
/// </summary>
internal sealed class ShapePredictorModel
{
    private const int MaxParts = 10_000;
    private const int MaxLevels = 1_000;
    private const int MaxTrees = 100_000;
    private const int MaxSplits = 1 << 16;
    private const int MaxPixels = 1 << 20;

    private ShapePredictorModel(float[] meanShape, IReadOnlyList<CascadeLevel> levels)
    {
        MeanShape = meanShape;
        Levels = levels;
    }

    /// <summary>x0, y0, x1, y1, … of every landmark, in the face box's coordinates (0,0 top left, 1,1 bottom right).</summary>
    public float[] MeanShape { get; }

    public IReadOnlyList<CascadeLevel> Levels { get; }

    public int PartCount => MeanShape.Length / 2;

    public static ShapePredictorModel Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(file, path);
    }

    /// <summary>Reads a model; a malformed or truncated one is an <see cref="InvalidDataException"/> that says where.</summary>
    public static ShapePredictorModel Read(Stream stream, string name)
    {
        var reader = new DlibStreamReader(stream, name);
        var version = reader.ReadSigned();
        if (version != 1)
            throw reader.Malformed($"the format version is {version}, not 1");

        var meanShape = ReadColumn(reader, MaxParts * 2, "the mean shape");
        if (meanShape.Length == 0 || meanShape.Length % 2 != 0)
            throw reader.Malformed($"the mean shape has {meanShape.Length} coordinates, not a positive even number");

        var forests = new List<RegressionTree>[reader.ReadCount(MaxLevels, "the cascade")];
        for (var level = 0; level < forests.Length; level++)
        {
            var trees = new List<RegressionTree>(reader.ReadCount(MaxTrees, "a cascade level"));
            for (var count = trees.Capacity; count > 0; count--)
                trees.Add(ReadTree(reader, meanShape.Length));
            forests[level] = trees;
        }

        var anchors = new int[reader.ReadCount(MaxLevels, "the anchor list")][];
        for (var level = 0; level < anchors.Length; level++)
        {
            anchors[level] = new int[reader.ReadCount(MaxPixels, "a level's anchors")];
            for (var i = 0; i < anchors[level].Length; i++)
            {
                var anchor = reader.ReadUnsigned();
                if (anchor >= (ulong)(meanShape.Length / 2))
                    throw reader.Malformed($"a feature pixel is anchored to landmark {anchor} of {meanShape.Length / 2}");
                anchors[level][i] = (int)anchor;
            }
        }

        var levelCount = reader.ReadCount(MaxLevels, "the offset list");
        if (anchors.Length != forests.Length || levelCount != forests.Length)
            throw reader.Malformed($"{forests.Length} levels of trees, {anchors.Length} of anchors and {levelCount} of offsets");
        var levels = new CascadeLevel[levelCount];
        for (var level = 0; level < levelCount; level++)
        {
            var pixelCount = reader.ReadCount(MaxPixels, "a level's offsets");
            if (pixelCount != anchors[level].Length)
                throw reader.Malformed($"level {level} has {anchors[level].Length} anchors but {pixelCount} offsets");
            var deltaX = new float[pixelCount];
            var deltaY = new float[pixelCount];
            for (var i = 0; i < pixelCount; i++)
            {
                deltaX[i] = reader.ReadFloat();
                deltaY[i] = reader.ReadFloat();
            }
            levels[level] = new CascadeLevel(forests[level], anchors[level], deltaX, deltaY);
        }
        Validate(reader, levels);
        return new ShapePredictorModel(meanShape, levels);
    }

    private static RegressionTree ReadTree(DlibStreamReader reader, int shapeLength)
    {
        var splitCount = reader.ReadCount(MaxSplits, "a tree's splits");
        var first = new int[splitCount];
        var second = new int[splitCount];
        var thresholds = new float[splitCount];
        for (var i = 0; i < splitCount; i++)
        {
            first[i] = (int)Math.Min(reader.ReadUnsigned(), int.MaxValue);
            second[i] = (int)Math.Min(reader.ReadUnsigned(), int.MaxValue);
            thresholds[i] = reader.ReadFloat();
        }

        var leafCount = reader.ReadCount(MaxSplits + 1, "a tree's leaves");
        if (leafCount != splitCount + 1 || (leafCount & (leafCount - 1)) != 0)
            throw reader.Malformed($"a tree has {splitCount} splits and {leafCount} leaves, not a complete binary tree");
        var leaves = new float[leafCount * shapeLength];
        for (var leaf = 0; leaf < leafCount; leaf++)
        {
            var (rows, columns) = ReadMatrixSize(reader);
            if (rows * columns != shapeLength)
                throw reader.Malformed($"a leaf holds {rows}x{columns} numbers for a shape of {shapeLength}");
            for (var i = 0; i < shapeLength; i++)
                leaves[leaf * shapeLength + i] = reader.ReadFloat();
        }
        return new RegressionTree(first, second, thresholds, leaves, shapeLength);
    }

    private static float[] ReadColumn(DlibStreamReader reader, int maxLength, string what)
    {
        var (rows, columns) = ReadMatrixSize(reader);
        if (columns != 1 || rows > maxLength)
            throw reader.Malformed($"{what} is a {rows}x{columns} matrix, not a column of at most {maxLength}");
        var values = new float[rows];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadFloat();
        return values;
    }

    /// <summary>dlib writes a matrix's size negated in its newer format; both signs mean the same size.</summary>
    private static (long Rows, long Columns) ReadMatrixSize(DlibStreamReader reader)
    {
        var rows = Math.Abs(reader.ReadSigned());
        var columns = Math.Abs(reader.ReadSigned());
        if (rows > MaxPixels || columns > MaxPixels)
            throw reader.Malformed($"a matrix of {rows}x{columns} is larger than any this model can hold");
        return (rows, columns);
    }

    private static void Validate(DlibStreamReader reader, CascadeLevel[] levels)
    {
        foreach (var level in levels)
        foreach (var tree in level.Trees)
            if (tree.MaxPixelIndex >= level.PixelCount)
                throw reader.Malformed($"a tree reads feature pixel {tree.MaxPixelIndex} of a level with {level.PixelCount}");
    }
}
