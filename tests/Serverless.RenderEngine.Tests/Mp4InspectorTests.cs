using CliWrap;
using CliWrap.Buffered;
using Serverless.RenderEngine.Media.Mp4;

namespace Serverless.RenderEngine.Tests;

/// <summary>The in-process MP4 reading the verifier relies on, held against ffprobe on files ffmpeg made.</summary>
public sealed class Mp4InspectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mp4-inspector-").FullName;

    public static TheoryData<string, string> Files =>
        new()
        {
            {
                "rendered like ours",
                "-f lavfi -i testsrc2=s=512x512:r=25:d=1 -f lavfi -i sine=d=1 -c:v libx264 -pix_fmt yuv420p -c:a aac -movflags +faststart"
            },
            { "full-range 4:4:4", "-f lavfi -i testsrc2=s=320x240:r=25:d=1 -f lavfi -i sine=d=1 -c:v libx264 -pix_fmt yuvj444p -c:a aac" },
            {
                "4:2:2, cropped odd size, 30 fps",
                "-f lavfi -i testsrc2=s=642x362:r=30:d=1 -f lavfi -i sine=d=1 -c:v libx264 -pix_fmt yuv422p -c:a aac"
            },
            {
                "scaling lists in the SPS",
                "-f lavfi -i testsrc2=s=256x144:r=25:d=1 -f lavfi -i sine=d=1 -c:v libx264 -x264-params cqm=jvt -pix_fmt yuv420p -c:a aac"
            },
            {
                "NTSC rate, non-square pixels, full range",
                "-f lavfi -i testsrc2=s=352x240:r=30000/1001:d=1 -f lavfi -i sine=d=1 -vf setsar=10/11 -c:v libx264 -pix_fmt yuvj420p -c:a aac"
            },
            {
                "baseline profile",
                "-f lavfi -i testsrc2=s=160x120:r=25:d=1 -f lavfi -i sine=d=1 -c:v libx264 -profile:v baseline -pix_fmt yuv420p -c:a aac"
            },
            { "MPEG-4 video, MP3 audio", "-f lavfi -i testsrc2=s=320x240:r=25:d=1 -f lavfi -i sine=d=1 -c:v mpeg4 -c:a libmp3lame" },
        };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Files))]
    public async Task Describes_a_file_as_ffprobe_does(string description, string ffmpegArguments)
    {
        var path = await MakeAsync(ffmpegArguments, description);

        var inspection = await Mp4Inspector.TryInspectAsync(path, default);
        var probed = await ProbeAsync(path);

        Assert.NotNull(inspection);
        var (video, audio) = (inspection.Info.Video!, inspection.Info.Audio!);
        var (probedVideo, probedAudio) = (probed.Video!, probed.Audio!);
        Assert.Equal((probedVideo.CodecName, probedVideo.Width, probedVideo.Height), (video.CodecName, video.Width, video.Height));
        if (video.CodecName == "h264")
            Assert.Equal(probedVideo.PixelFormat, video.PixelFormat);
        Assert.Equal(
            (probedVideo.FrameRate, probedVideo.AverageFrameRate, probedVideo.FrameCount),
            (video.FrameRate, video.AverageFrameRate, video.FrameCount)
        );
        Assert.Equal(probedAudio.CodecName, audio.CodecName);
        Assert.Equal(probed.DurationSec!.Value, inspection.Info.DurationSec!.Value, precision: 3);
        Assert.Equal(ffmpegArguments.Contains("+faststart", StringComparison.Ordinal), inspection.FastStart);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_truncated_file_or_one_that_is_not_an_MP4_is_unreadable()
    {
        var whole = await MakeAsync(
            "-f lavfi -i testsrc2=s=160x120:r=25:d=1 -f lavfi -i sine=d=1 -c:v libx264 -c:a aac -movflags +faststart",
            "whole"
        );
        var bytes = await File.ReadAllBytesAsync(whole);
        var truncated = Path.Combine(_dir, "truncated.mp4");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length - 100)]);

        Assert.NotNull(await Mp4Inspector.TryInspectAsync(whole, default));
        Assert.Null(await Mp4Inspector.TryInspectAsync(truncated, default));
        Assert.Null(await Mp4Inspector.TryInspectAsync(Serverless.TestFixtures.RepoPaths.SamplePortrait, default));
    }

    private async Task<string> MakeAsync(string arguments, string name)
    {
        var path = Path.Combine(_dir, $"{name.Replace(' ', '-').Replace(',', '_').Replace(':', '_')}.mp4");
        await Cli.Wrap("ffmpeg").WithArguments($"-v error -y {arguments} -shortest {path}").ExecuteBufferedAsync();
        return path;
    }

    private static async Task<Media.MediaInfo> ProbeAsync(string path)
    {
        var result = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])
            .ExecuteBufferedAsync();
        return System.Text.Json.JsonSerializer.Deserialize<Media.MediaInfo>(result.StandardOutput)!;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
