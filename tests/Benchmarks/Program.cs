using System.CommandLine;
using Serverless.Benchmarks;

var root = new RootCommand("Benchmarks of the talking-head pipeline.");
root.Subcommands.Add(FallbackBenchmark.Command());
return await root.Parse(args).InvokeAsync();
