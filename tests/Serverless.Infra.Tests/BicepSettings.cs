using Serverless.Infra.Tests.Snapshot;

namespace Serverless.Infra.Tests;

/// <summary>
/// The app settings and job environment that infra/main.bicep provides: the keys of the function app's
/// <c>appsettings</c> and of the render job container's <c>env</c>, as the Bicep CLI evaluates the template
/// (<see cref="BicepSnapshot"/>), modules included.
/// </summary>
internal static class BicepSettings
{
    public static IReadOnlySet<string> FunctionApp() => BicepSnapshot.FunctionAppSettings().Keys.ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> RenderJob() => BicepSnapshot.RenderJobEnvironment().Keys.ToHashSet(StringComparer.Ordinal);
}
