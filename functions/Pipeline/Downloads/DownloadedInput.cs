namespace Serverless.Pipeline.Downloads;

/// <summary>What <see cref="InputDownloader"/> wrote: the byte count and the response's media type.</summary>
public sealed record DownloadedInput(long Bytes, string? ContentType);
