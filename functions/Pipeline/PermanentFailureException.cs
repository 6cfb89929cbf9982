namespace Serverless.Pipeline;

/// <summary>
/// A failure that no retry can fix (bad input, a rejected API key, a missing object). Activity retry
/// policies give up at once on it; its message becomes the job's failure reason, so it must be
/// clear to a user and must never contain a secret or a presigned URL.
/// </summary>
public class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
