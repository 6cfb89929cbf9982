namespace Serverless.RenderEngine.Processes;

/// <summary>
/// The last lines a process wrote on one stream, kept as they arrive, so a run of half an hour holds only its tail
/// (progress bars redraw one line thousands of times). Thread-safe: CliWrap feeds it from its pipe thread.
/// </summary>
public sealed class LineTail(int maxLines = 20, int maxLineChars = 400)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        // A progress bar redraws with carriage returns: its last state is what matters.
        var last = line.TrimEnd('\r');
        last = last[(last.LastIndexOf('\r') + 1)..].Trim();
        if (last.Length == 0)
            return;
        if (last.Length > maxLineChars)
            last = last[^maxLineChars..];
        lock (_gate)
        {
            _lines.Enqueue(last);
            if (_lines.Count > maxLines)
                _lines.Dequeue();
        }
    }

    public string Text
    {
        get
        {
            lock (_gate)
                return string.Join('\n', _lines);
        }
    }
}
