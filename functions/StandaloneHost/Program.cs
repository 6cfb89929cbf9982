using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.StandaloneHost;

var builder = Host.CreateApplicationBuilder(args);

// The durable provider logs every poll and lease renewal, Kestrel every gRPC call: only their problems are kept.
builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// A stop is prompt: whatever step it cuts off runs again after DURABLE_VISIBILITY_TIMEOUT_SECONDS. Only the poll
// loop waits longer, for a lease in flight to be started or settled (PollLoop.StopAsync).
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddStandalonePipelineHost();
builder.Build().Run();
