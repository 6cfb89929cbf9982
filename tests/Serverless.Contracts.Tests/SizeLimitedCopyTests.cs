namespace Serverless.Contracts.Tests;

public sealed class SizeLimitedCopyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(250_000)]
    public async Task A_body_up_to_the_limit_is_copied_whole_and_its_length_returned(int length)
    {
        var body = Bytes(length);
        using var destination = new MemoryStream();

        var copied = await SizeLimitedCopy.CopyAsync(new MemoryStream(body), destination, maxBytes: 250_000, None);

        Assert.Equal(length, copied);
        Assert.Equal(body, destination.ToArray());
    }

    [Fact]
    public async Task One_byte_over_the_limit_gives_null_and_nothing_past_the_limit_is_written()
    {
        using var destination = new MemoryStream();

        var copied = await SizeLimitedCopy.CopyAsync(new MemoryStream(Bytes(250_001)), destination, maxBytes: 250_000, None);

        Assert.Null(copied);
        Assert.True(destination.Length <= 250_000, $"{destination.Length} bytes were written");
    }

    [Fact]
    public async Task An_endless_body_is_cut_off_soon_after_the_limit()
    {
        var source = new EndlessStream();
        using var destination = new MemoryStream();

        var copied = await SizeLimitedCopy.CopyAsync(source, destination, maxBytes: 1_000_000, None);

        Assert.Null(copied);
        Assert.InRange(source.BytesRead, 1_000_001, 1_000_000 + 81920);
    }

    [Fact]
    public async Task Cancellation_stops_the_copy()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SizeLimitedCopy.CopyAsync(new EndlessStream(), Stream.Null, 1_000_000, cancelled.Token)
        );
    }

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)i)];

    /// <summary>A body with no end (a server that never stops sending), counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BytesRead += buffer.Length;
            return ValueTask.FromResult(buffer.Length);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
