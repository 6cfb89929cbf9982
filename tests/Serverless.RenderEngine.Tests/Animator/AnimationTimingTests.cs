using System.Numerics;
using Serverless.RenderEngine.Animator;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>The animation's parts without rendering: blinks, mouth envelope, head motion.</summary>
public sealed class AnimationTimingTests
{
    [Fact]
    public void Blinks_come_every_two_to_six_seconds_the_same_for_the_same_seed()
    {
        var blinks = new BlinkSchedule(seed: 3, frames: 25 * 120, framesPerSecond: 25);
        var starts = blinks.Starts.Order().ToArray();

        Assert.InRange(starts.Length, 120 / 6, 120 / 2);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 2 * 25 - 1, 6 * 25 + 1));
        Assert.Equal(starts, new BlinkSchedule(3, 25 * 120, 25).Starts.Order());
        Assert.NotEqual(starts, new BlinkSchedule(4, 25 * 120, 25).Starts.Order());
        // About 150 ms: four frames, closed all the way in one of them.
        Assert.Equal(4, Enumerable.Range(starts[0] - 2, 10).Count(f => blinks.At(f) > 0));
        Assert.Equal(1f, blinks.At(starts[0] + 1));
    }

    [Fact]
    public void The_mouth_opens_within_a_frame_or_two_of_a_sound_and_closes_within_a_few_after_it()
    {
        // 10 ms hops: 1 s of silence (noise at -80 dB), 0.5 s of speech at -20 dB, 1 s of silence.
        var hops = Enumerable.Repeat(-80f, 100).Concat(Enumerable.Repeat(-20f, 50)).Concat(Enumerable.Repeat(-80f, 100)).ToArray();

        var envelope = SpeechEnvelope.FromHops(hops, frames: 62, framesPerSecond: 25);

        Assert.All(envelope.Open.Take(25), open => Assert.Equal(0, open));
        Assert.True(envelope.Open[26] > 0.6, $"open {envelope.Open[26]:0.00} one frame into the sound");
        Assert.True(envelope.Open[36] > 0.9);
        Assert.True(envelope.Open[43] < 0.2, $"open {envelope.Open[43]:0.00} a quarter of a second after the sound");
        Assert.Equal(0, envelope.Open[50]);
    }

    [Fact]
    public void Noise_far_below_the_speech_keeps_the_mouth_closed()
    {
        var random = new Random(1);
        var hops = Enumerable
            .Range(0, 400)
            .Select(i => i % 100 < 50 ? -22f + (float)random.NextDouble() * 6 : -58f + (float)random.NextDouble() * 6)
            .ToArray();

        var envelope = SpeechEnvelope.FromHops(hops, frames: 160, framesPerSecond: 25);

        // 0.5 s of speech and 0.5 s of noise a second (25 frames): from 0.3 s into every pause on, it is closed.
        Assert.All(Enumerable.Range(0, 160).Where(f => f % 25 >= 21), f => Assert.Equal(0, envelope.Open[f]));
    }

    [Theory]
    [InlineData(512, 512, 47)]
    [InlineData(1080, 270, 25)]
    [InlineData(400, 900, 60)]
    public void The_head_motion_never_shows_the_pictures_edges_and_moves_less_than_a_pixel_and_a_half_a_frame(
        int width,
        int height,
        float eyes
    )
    {
        var head = new HeadMotion(seed: 9, width, height, eyes);
        Vector2[] corners = [new(0, 0), new(width, 0), new(0, height), new(width, height)];
        Matrix3x2? previous = null;
        for (var f = 0; f < 25 * 60; f++)
        {
            var emphasis = (float)(0.5 + 0.5 * Math.Sin(f / 7.0));
            var m = head.At(f, emphasis, 25);
            Assert.True(Matrix3x2.Invert(m, out var inverse));
            foreach (var corner in corners)
            {
                var source = Vector2.Transform(corner, inverse);
                Assert.InRange(source.X, -0.01, width + 0.01);
                Assert.InRange(source.Y, -0.01, height + 0.01);
            }
            if (previous is { } last)
                foreach (var corner in corners)
                    Assert.True(Vector2.Distance(Vector2.Transform(corner, m), Vector2.Transform(corner, last)) < 1.5, $"frame {f}");
            previous = m;
        }
    }
}
