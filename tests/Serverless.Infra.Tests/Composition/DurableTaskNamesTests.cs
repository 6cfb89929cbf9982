using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions;
using Serverless.Pipeline;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// The Functions app binds the orchestrators and activities with its own <c>[Function]</c> triggers; the
/// standalone host and the tests run them from the Durable Task registry (<see cref="RenderJobTasks"/>). Both
/// sides, and the pipeline's services, are read as built, so a task added on one side only fails here.
/// </summary>
public sealed class DurableTaskNamesTests
{
    private static readonly Assembly FunctionApp = typeof(FunctionAppServiceCollectionExtensions).Assembly;

    [Fact]
    public void The_function_apps_orchestrators_are_the_orchestrators_of_the_durable_registry()
    {
        var registered = RegisteredNames<Func<IServiceProvider, ITaskOrchestrator>>();

        Assert.Equal(registered, FunctionNames<OrchestrationTriggerAttribute>());
        Assert.Contains(nameof(RenderJob), registered);
    }

    [Fact]
    public void The_function_apps_activities_are_the_activities_of_the_durable_registry()
    {
        var registered = RegisteredNames<Func<IServiceProvider, ITaskActivity>>();

        Assert.Equal(registered, FunctionNames<ActivityTriggerAttribute>());
        Assert.NotEmpty(registered);
    }

    [Fact]
    public void Every_activity_class_of_the_pipelines_services_is_run_by_the_durable_registry()
    {
        var services = new ServiceCollection().AddRenderPipeline();
        var registered = services.Select(d => d.ServiceType).ToHashSet();
        var run = ActivityFactories().Select(ResolvedClass).ToHashSet();

        var activityClasses = registered.Where(IsActivityClass).Union(FunctionActivityClasses()).ToHashSet();

        Assert.NotEmpty(activityClasses);
        Assert.All(activityClasses, type => Assert.True(run.Contains(type), $"{type.Name} is not run by the durable registry"));
        Assert.All(
            run,
            type => Assert.True(registered.Contains(type), $"{type.Name} is run by the durable registry but not registered as a service")
        );
    }

    /// <summary>Names of the app's functions whose parameter carries <typeparamref name="TTrigger"/>.</summary>
    private static SortedSet<string> FunctionNames<TTrigger>()
        where TTrigger : Attribute => [.. FunctionMethods<TTrigger>().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)];

    private static IEnumerable<MethodInfo> FunctionMethods<TTrigger>()
        where TTrigger : Attribute =>
        FunctionApp
            .GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null));

    /// <summary>The classes the app's activity functions are built from (their constructor's parameters).</summary>
    private static IEnumerable<Type> FunctionActivityClasses() =>
        FunctionMethods<ActivityTriggerAttribute>()
            .Select(m => m.DeclaringType!)
            .Distinct()
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()))
            .Select(p => p.ParameterType)
            .Where(IsOurs);

    /// <summary>Our convention for an activity: a class with <c>RunAsync(input, CancellationToken)</c>.</summary>
    private static bool IsActivityClass(Type type) =>
        IsOurs(type)
        && type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Any(m =>
                m.Name == "RunAsync"
                && m.GetParameters() is [{ } input, { } token]
                && input.ParameterType != typeof(CancellationToken)
                && token.ParameterType == typeof(CancellationToken)
            );

    private static bool IsOurs(Type type) => type.Assembly.GetName().Name?.StartsWith("Serverless.", StringComparison.Ordinal) == true;

    /// <summary>
    /// What <see cref="RenderJobTasks.AddRenderJobTasks"/> registered, by task name. DurableTaskRegistry keeps it in
    /// internal dictionaries (keyed by name, or by name and version) and has no public way to list them.
    /// </summary>
    private static Dictionary<string, TFactory> Registered<TFactory>()
    {
        var registry = new DurableTaskRegistry().AddRenderJobTasks();
        var dictionaries = typeof(DurableTaskRegistry)
            .GetProperties(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericArguments() is [_, var value] && value == typeof(TFactory))
            .Select(p => p.GetValue(registry))
            .OfType<System.Collections.IDictionary>()
            .ToList();
        Assert.True(
            dictionaries.Count > 0,
            $"DurableTaskRegistry keeps no {typeof(TFactory).Name} dictionary any more: read its names another way."
        );
        var byName = new Dictionary<string, TFactory>();
        foreach (var dictionary in dictionaries)
        foreach (System.Collections.DictionaryEntry entry in dictionary)
            byName[NameOf(entry.Key)] = (TFactory)entry.Value!;
        return byName;
    }

    private static string NameOf(object key) =>
        key switch
        {
            TaskName name => name.Name,
            _ => key.GetType().GetProperties().Select(p => p.GetValue(key)).OfType<TaskName>().Select(n => n.Name).FirstOrDefault()
                ?? key.GetType().GetProperty("Name")?.GetValue(key) as string
                ?? throw new InvalidOperationException($"No task name in a registry key of type {key.GetType()}: {key}"),
        };

    private static SortedSet<string> RegisteredNames<TFactory>() => [.. Registered<TFactory>().Keys];

    private static IEnumerable<Func<IServiceProvider, ITaskActivity>> ActivityFactories() =>
        Registered<Func<IServiceProvider, ITaskActivity>>().Values;

    /// <summary>Runs the registry's activity against services that have nothing, and returns the class it asks for first.</summary>
    private static Type ResolvedClass(Func<IServiceProvider, ITaskActivity> factory)
    {
        var services = new AskedServices();
        var activity = factory(services);
        try
        {
            activity.RunAsync(new NoContext(), input: null).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException) { } // no such service: it asked for one
        return Assert.Single(services.Asked.Take(1));
    }

    private sealed class AskedServices : IServiceProvider
    {
        public List<Type> Asked { get; } = [];

        public object? GetService(Type serviceType)
        {
            Asked.Add(serviceType);
            return null;
        }
    }

    private sealed class NoContext : TaskActivityContext
    {
        public override TaskName Name => "test";
        public override string InstanceId => "test";
    }
}
