namespace Serverless.EndToEnd.Tests;

/// <summary>One stack for every end-to-end test; the tests run one at a time (faults are injected stack-wide).</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<LocalStack>
{
    public const string Name = "the local stack as real processes";
}
