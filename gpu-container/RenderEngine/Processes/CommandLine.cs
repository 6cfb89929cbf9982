using System.Text;

namespace Serverless.RenderEngine.Processes;

/// <summary>Splits a command string into words the way a POSIX shell would (quotes, backslashes), without running a shell.</summary>
public static class CommandLine
{
    public static IReadOnlyList<string> Split(string? command)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(command))
            return words;

        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote == '\'')
            {
                if (c == '\'')
                    quote = null;
                else
                    word.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"')
                    quote = null;
                else if (c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
                    word.Append(command[++i]);
                else
                    word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                    quote = c;
                else if (c == '\\' && i + 1 < command.Length)
                    word.Append(command[++i]);
                else
                    word.Append(c);
            }
        }
        if (quote is not null)
            throw new FormatException($"Unterminated {quote} quote in command '{command}'.");
        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>Whether the command's program exists (an existing path, or a name found on PATH).</summary>
    public static bool ProgramExists(string program)
    {
        if (program.Contains('/'))
            return File.Exists(program);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));
    }
}
