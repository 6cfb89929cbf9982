using System.CommandLine;
using Serverless.Benchmarks;
using Serverless.Benchmarks.Animator;
using Serverless.Benchmarks.Chunked;
using Serverless.Benchmarks.Pipeline;

var root = new RootCommand("Benchmarks of the talking-head pipeline.");
root.Subcommands.Add(FallbackBenchmark.Command());
root.Subcommands.Add(PipelineBenchmark.Command());
root.Subcommands.Add(ChunkedBenchmark.Command());
root.Subcommands.Add(AnimatorBenchmark.Command());
return await root.Parse(args).InvokeAsync();
