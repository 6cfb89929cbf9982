using System.Text.Json.Nodes;
using Serverless.Infra.Tests.Snapshot;

namespace Serverless.Infra.Tests;

/// <summary>
/// The function app's Key Vault references resolve on the first deployment only if the identity that resolves
/// them can read secrets before the settings are written. The template orders that; how long Azure takes to
/// make a new role assignment effective only Azure can show (docs/deploy.md says how to check and refresh).
/// </summary>
public sealed class KeyVaultReferenceTests
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static string FunctionIdentityId() =>
        BicepSnapshot.Resources.Single(r =>
            (string?)r["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
            && ((string)r["name"]!).StartsWith("id-func-", StringComparison.Ordinal)
        )["id"]!.GetValue<string>();

    [Fact]
    public void The_references_are_resolved_with_the_function_identity()
    {
        var site = BicepSnapshot.Resource("Microsoft.Web/sites");

        Assert.Equal(FunctionIdentityId(), (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Contains(FunctionIdentityId(), site["identity"]!["userAssignedIdentities"]!.AsObject().Select(i => i.Key));
    }

    [Fact]
    public void The_function_identity_may_read_the_vault_secrets()
    {
        var grants = BicepSnapshot.Resources.Where(r =>
            (string?)r["type"] == "Microsoft.Authorization/roleAssignments"
            && ((string)r["id"]!).Contains("/Microsoft.KeyVault/vaults/", StringComparison.Ordinal)
            && ((string)r["properties"]!["roleDefinitionId"]!).EndsWith(KeyVaultSecretsUser, StringComparison.Ordinal)
            && ((string)r["properties"]!["principalId"]!).Contains(FunctionIdentityId(), StringComparison.Ordinal)
        );

        Assert.Single(grants);
    }

    [Fact]
    public void The_app_settings_are_written_after_the_role_assignments()
    {
        var resources = BicepSnapshot.Compiled["resources"]!.AsObject();
        var functionApp = resources["functionApp"]!;
        var rbac = resources["rbac"]!;

        Assert.Equal("function-app", (string?)functionApp["name"]);
        Assert.Equal("rbac", (string?)rbac["name"]);
        Assert.Contains("rbac", functionApp["dependsOn"]!.AsArray().Select(d => (string?)d));
    }
}
