namespace Serverless.RenderWorker.Media;

/// <summary>A safe local file name for a downloaded input, keeping a plain extension from the URL path.</summary>
public static class LocalFileName
{
    public static string For(Uri url, string stem, string defaultExtension)
    {
        var extension = Path.GetExtension(url.AbsolutePath).ToLowerInvariant();
        var plain = extension.Length is > 1 and <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit);
        return stem + (plain ? extension : defaultExtension);
    }
}
