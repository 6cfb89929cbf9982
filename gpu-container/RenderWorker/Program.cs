using System.CommandLine;
using Serverless.RenderWorker.Verbs;

var root = new RootCommand("Talking-head render worker: consumes render-requests (worker) or renders one video locally (render).")
{
    WorkerVerb.Create(),
    RenderVerb.Create(),
};

// The verbs handle SIGTERM themselves (the worker's shutdown grace is longer than System.CommandLine's default 2 s).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
