namespace Serverless.Pipeline.Polling;

/// <param name="Failed">Leased jobs this tick could not start; each is reported failed (or kept in <see cref="UnsettledLeases"/>).</param>
public sealed record PollSummary(int Started, int Rejected, int InFlight, int Failed = 0);
