using Serverless.DevBackend;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOptions<DevBackendOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<JobStore>();
builder.Services.AddSingleton<Faults>();
builder.Services.AddSingleton<InputStorage>();

var app = builder.Build();
app.MapWorkerProtocol();
app.MapDevEndpoints();
app.MapGet("/healthz", () => Results.Ok(new { ok = true }));
app.Run();
