using System.Diagnostics;
using Serverless.RenderEngine.Animator.Face;
using Xunit.Abstractions;

namespace Serverless.RenderEngine.Tests.Face;

public sealed class LandmarkFaceFinderTests(ITestOutputHelper output)
{
    private const float Tolerance = 0.05f;

    [Fact]
    public void The_sample_portrait_gets_landmarks_within_5_percent_of_the_eye_distance_of_hand_marked_points()
    {
        var search = FaceModels.Finder.Find(PortraitImages.Portrait, default);

        AssertMatchesMarks(search, point => point, mirrored: false);
    }

    public static TheoryData<string> Transforms => new(PortraitTransform.All.Keys);

    [Theory]
    [MemberData(nameof(Transforms))]
    public void The_landmarks_move_with_the_portrait_when_it_is(string transform)
    {
        var change = PortraitTransform.All[transform];
        var source = PortraitImages.Portrait;

        var search = FaceModels.SmallFaceFinder.Find(change.Apply(source), default);

        AssertMatchesMarks(search, change.Forward, change.Mirrors);
    }

    [Theory]
    [InlineData("flat grey")]
    [InlineData("noise")]
    public void A_picture_without_a_face_has_none(string kind)
    {
        var image = kind == "noise" ? PortraitImages.Noise(512, 512, seed: 19) : PortraitImages.Flat(512, 512, 128);

        var search = FaceModels.Finder.Find(image, default);

        Assert.Null(search.Face);
        Assert.Equal("no face found in the portrait", search.NoFaceReason);
    }

    [Fact]
    public void The_portrait_shrunk_to_40_px_in_a_large_canvas_has_no_usable_face()
    {
        var tiny = PortraitImages.Warp(PortraitImages.Portrait, 512, 512, (x, y) => ((x - 236) * 512 / 40f, (y - 236) * 512 / 40f));

        var search = FaceModels.Finder.Find(tiny, default);

        Assert.Null(search.Face);
        Assert.NotNull(search.NoFaceReason);
    }

    [Fact]
    public void A_face_narrower_than_the_minimum_is_not_used_and_the_reason_says_how_wide_it_is()
    {
        // Scaled by 0.4 the face box is about 40 px wide, under the default 64 px.
        var small = PortraitImages.Warp(PortraitImages.Portrait, 205, 205, (x, y) => (x / 0.4f, y / 0.4f));

        var search = FaceModels.Finder.Find(small, default);

        Assert.Null(search.Face);
        Assert.Matches(@"^the face is \d+ px wide; at least 64 px is needed$", search.NoFaceReason);
    }

    private void AssertMatchesMarks(FaceSearch search, Func<LandmarkPoint, LandmarkPoint> transform, bool mirrored)
    {
        Assert.Null(search.NoFaceReason);
        var face = Assert.IsType<FaceLandmarks>(search.Face);
        Assert.Equal(FaceLandmarks.Count, face.Points.Count);
        output.WriteLine($"Box {face.Box}");
        var eyeDistance = PortraitMarks.EyeDistance(transform);
        var errors = new List<(string Name, float Share)>();
        foreach (var mark in PortraitMarks.All)
        {
            var source = mirrored ? PortraitMarks.All.Single(m => m.Name == mark.MirrorName) : mark;
            var expected = transform(source.Point);
            var found = mark.Measure(face.Points);
            var share =
                MathF.Sqrt((found.X - expected.X) * (found.X - expected.X) + (found.Y - expected.Y) * (found.Y - expected.Y)) / eyeDistance;
            output.WriteLine(
                $"{mark.Name}: expected ({expected.X:F1}, {expected.Y:F1}), found ({found.X:F1}, {found.Y:F1}), {share:P1} of the eye distance"
            );
            errors.Add((mark.Name, share));
        }
        Assert.All(errors, error => Assert.True(error.Share <= Tolerance, $"{error.Name} is off by {error.Share:P1} of the eye distance"));
    }
}
