using System.Text.RegularExpressions;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>Looks for secrets in every log line of the run: known secret values and unmasked presigned-URL signatures.</summary>
public static partial class LogScan
{
    /// <summary>One line per finding (<c>file:line: what</c>), never the secret itself.</summary>
    public static IReadOnlyList<string> FindSecrets(string directory, IReadOnlyDictionary<string, string> secrets)
    {
        var findings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.log"))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var found = secrets.Where(s => line.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key).ToList();
                if (PresignedQuery().IsMatch(line))
                    found.Add("a presigned URL's signature or credential");
                findings.AddRange(found.Select(what => $"{Path.GetFileName(file)}:{number}: {what}"));
            }
        }
        return findings;
    }

    /// <summary>A SigV4 (or SigV2) query parameter with its value, i.e. not masked as <c>***</c>.</summary>
    [GeneratedRegex(@"(X-Amz-(Signature|Credential|Security-Token)|AWSAccessKeyId|Signature)=(?!\*\*\*)[^&\s""]", RegexOptions.IgnoreCase)]
    private static partial Regex PresignedQuery();
}
