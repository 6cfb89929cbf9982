using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Serverless.StandaloneHost;

var builder = Host.CreateApplicationBuilder(args);
var port = builder.Configuration.GetValue("DURABLE_GRPC_PORT", 0);
builder.Services.AddStandalonePipelineHost(port > 0 ? port : FreeLoopbackPort());
builder.Build().Run();

static int FreeLoopbackPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
