using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests;

/// <summary>
/// A supplied "audio" file that is a playlist or a list of files (alone, or behind a real WAV or MP3 header) must
/// not make ffmpeg open what it names: each is rejected as bad input and the named file is never opened.
/// </summary>
public sealed class HostileAudioTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("hls-local-path")]
    [InlineData("hls-file-url")]
    [InlineData("hls-http-url")]
    [InlineData("ffconcat")]
    [InlineData("wav-header-then-playlist")]
    [InlineData("id3-header-then-playlist")]
    public async Task Audio_that_names_other_media_is_bad_input_and_what_it_names_is_never_opened(string kind)
    {
        using var engine = new EngineHarness();
        // Another job's speech as a worker's disk would hold it, with an extension every ffmpeg reads a segment by.
        await using var secret = await OpenWatch.CreateAsync(Path.Combine(engine.Dir, "secret.mp3"));
        using var web = new TcpListener(IPAddress.Loopback, 0);
        web.Start();
        var webUrl = $"http://127.0.0.1:{((IPEndPoint)web.LocalEndpoint).Port}/secret.mp3";
        var audio = engine.File(
            "speech.wav",
            kind switch
            {
                "hls-local-path" => Playlist(secret.Path),
                "hls-file-url" => Playlist("file:" + secret.Path),
                "hls-http-url" => Playlist(webUrl),
                "ffconcat" => Encoding.ASCII.GetBytes("ffconcat version 1.0\nfile secret.mp3\n"),
                "wav-header-then-playlist" => [.. WavHeader(Playlist(secret.Path).Length), .. Playlist(secret.Path)],
                "id3-header-then-playlist" => [.. "ID3\x04\0\0\0\0\0\0"u8, .. Playlist(secret.Path)],
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            }
        );

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.True(error.Error.Code == RenderErrorCode.BadInput, error.Error.ToString());
        Assert.Equal(0, secret.Opens);
        Assert.False(web.Pending(), "ffmpeg connected to the URL in the playlist");
        Assert.False(File.Exists(engine.Input(audio).VideoPath));
    }

    [Fact(Timeout = 30_000)]
    public async Task Audio_in_none_of_the_accepted_formats_is_bad_input_that_names_them()
    {
        using var engine = new EngineHarness();
        var audio = engine.File("speech.wav", Encoding.ASCII.GetBytes("#EXTM3U\n#EXT-X-ENDLIST\n"));

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.BadInput, error.Error.Code);
        Assert.Equal("The audio is not a WAV, MP3, AAC, M4A, Ogg, FLAC or WebM file (starts with 23455854).", error.Error.Message);
    }

    private static byte[] Playlist(string segment) =>
        Encoding.ASCII.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\n{segment}\n#EXT-X-ENDLIST\n");

    /// <summary>A 16 kHz mono PCM WAV header whose data chunk holds the next <paramref name="dataBytes"/> bytes.</summary>
    private static byte[] WavHeader(int dataBytes)
    {
        var header = new byte[44];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], 16_000);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], 32_000);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        return header;
    }
}
