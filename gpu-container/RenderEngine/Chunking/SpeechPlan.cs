using Serverless.Contracts;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Chunking;

/// <summary>The prepared speech of a job and, when it is worth splitting, its plan (null: render it whole).</summary>
public sealed record SpeechPlan(PreparedAudio Audio, ChunkPlan? Plan);
