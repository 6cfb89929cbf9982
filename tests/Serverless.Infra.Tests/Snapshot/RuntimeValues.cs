using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Infra.Tests.Snapshot;

/// <summary>
/// Gives dummy values to what a snapshot leaves as ARM expressions because only the deployment knows them:
/// <c>reference(...)</c> of identities, storage, Application Insights and registries, and Key Vault references.
/// It evaluates the few ARM functions the template uses around them; anything else fails, so that a new kind of
/// runtime value gets a deliberate dummy here instead of a silent one.
/// </summary>
internal static class RuntimeValues
{
    public const string KeyVaultSecret = "dummy-key-vault-secret";

    /// <summary>Where the dummy Application Insights connection string sends telemetry: a closed loopback port.</summary>
    public const string TelemetryEndpoint = "http://127.0.0.1:9/";

    public static IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> settings) =>
        settings.ToDictionary(s => s.Key, s => Resolve(s.Key, s.Value), StringComparer.Ordinal);

    /// <summary>The client id the dummies give the user-assigned identity <paramref name="identityName"/>.</summary>
    public static string ClientId(string identityName) => Guid(identityName, "client").ToString();

    private static string Resolve(string key, string value)
    {
        if (!value.StartsWith('['))
            return value;
        if (value.StartsWith("[[", StringComparison.Ordinal))
            return value[1..]; // ARM's escape for a literal that starts with '['
        try
        {
            var parser = new Parser(value[1..^1]);
            var result = parser.Expression();
            parser.End();
            return Text(result);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"{key}: no dummy for the runtime value {value} ({ex.Message}).", ex);
        }
    }

    private static string Text(object? value) =>
        value switch
        {
            string s => s,
            bool b => b ? "True" : "False",
            long n => n.ToString(CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"a {value?.GetType().Name ?? "null"} where a string is expected"),
        };

    private static Dictionary<string, object?> Referenced(string resourceId)
    {
        var parts = resourceId.Split('/');
        var providers = Array.LastIndexOf(parts, "providers");
        var type = string.Join('/', parts[(providers + 1)..^1]);
        var name = parts[^1];
        return type switch
        {
            "Microsoft.ManagedIdentity/userAssignedIdentities" => new()
            {
                ["clientId"] = ClientId(name),
                ["principalId"] = Guid(name, "principal").ToString(),
            },
            "Microsoft.Storage/storageAccounts" => new()
            {
                ["primaryEndpoints"] = new Dictionary<string, object?>
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["queue"] = $"https://{name}.queue.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            "Microsoft.Insights/components" => new()
            {
                ["ConnectionString"] =
                    $"InstrumentationKey={Guid(name, "ikey")};IngestionEndpoint={TelemetryEndpoint};LiveEndpoint={TelemetryEndpoint}",
            },
            "Microsoft.ContainerRegistry/registries" => new() { ["loginServer"] = $"{name}.azurecr.io" },
            _ => throw new NotSupportedException($"reference() of a {type}"),
        };
    }

    private static Guid Guid(string name, string purpose) => new(MD5.HashData(Encoding.UTF8.GetBytes(purpose + "/" + name)));

    /// <summary>Recursive descent over the subset of ARM's expression language that the runtime values use.</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public void End()
        {
            Skip();
            if (_at != text.Length)
                throw new FormatException($"unexpected '{text[_at..]}'");
        }

        public object? Expression()
        {
            Skip();
            object? value;
            if (Peek('\''))
                value = Literal();
            else if (char.IsDigit(text[_at]))
                value = Number();
            else
                value = Call();
            while (true)
            {
                Skip();
                if (Take('.'))
                    value = Member(value, Identifier());
                else if (Take('['))
                {
                    var index = Text(Expression());
                    Expect(']');
                    value = Member(value, index);
                }
                else
                    return value;
            }
        }

        private object? Call()
        {
            var name = Identifier();
            while (Take('.'))
                name += "." + Identifier();
            Expect('(');
            switch (name)
            {
                case "__bicep.keyVaultReference":
                    SkipArguments();
                    return KeyVaultSecret;
                case "if":
                {
                    var condition = Expression() is true;
                    Expect(',');
                    object? chosen = null;
                    if (condition)
                        chosen = Expression();
                    else
                        SkipArgument();
                    Expect(',');
                    if (!condition)
                        chosen = Expression();
                    else
                        SkipArguments(closing: false);
                    Expect(')');
                    return chosen;
                }
            }
            var arguments = new List<object?>();
            Skip();
            if (!Take(')'))
            {
                do arguments.Add(Expression());
                while (Take(','));
                Expect(')');
            }
            return name switch
            {
                "string" => Text(arguments[0]),
                "format" => string.Format(
                    CultureInfo.InvariantCulture,
                    Text(arguments[0]),
                    arguments.Skip(1).Select(Text).ToArray<object>()
                ),
                "concat" => string.Concat(arguments.Select(Text)),
                "empty" => arguments[0] is null or "",
                "not" => arguments[0] is not true,
                "parameters" => BicepSnapshot.Parameters.TryGetValue(Text(arguments[0]), out var p)
                    ? p
                    : throw new KeyNotFoundException($"parameter {arguments[0]} (give it to BicepSnapshot.Parameters)"),
                "reference" => Referenced(Text(arguments[0])),
                "environment" => new Dictionary<string, object?>
                {
                    ["suffixes"] = new Dictionary<string, object?>
                    {
                        ["storage"] = "core.windows.net",
                        ["keyvaultDns"] = ".vault.azure.net",
                    },
                },
                _ => throw new NotSupportedException($"the function {name}()"),
            };
        }

        private static object? Member(object? value, string name) =>
            value is Dictionary<string, object?> members && members.TryGetValue(name, out var member)
                ? member
                : throw new NotSupportedException($"the member {name}");

        private string Literal()
        {
            Expect('\'');
            var result = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                    throw new FormatException("unterminated string");
                var c = text[_at++];
                if (c == '\'')
                {
                    if (_at < text.Length && text[_at] == '\'')
                    {
                        result.Append('\'');
                        _at++;
                        continue;
                    }
                    return result.ToString();
                }
                result.Append(c);
            }
        }

        private long Number()
        {
            var start = _at;
            while (_at < text.Length && char.IsDigit(text[_at]))
                _at++;
            return long.Parse(text[start.._at], CultureInfo.InvariantCulture);
        }

        private string Identifier()
        {
            Skip();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
                _at++;
            if (start == _at)
                throw new FormatException($"an identifier expected at '{text[start..]}'");
            return text[start.._at];
        }

        /// <summary>Skips one argument without evaluating it (an untaken branch).</summary>
        private void SkipArgument()
        {
            var depth = 0;
            var quoted = false;
            for (; _at < text.Length; _at++)
            {
                var c = text[_at];
                if (c == '\'')
                    quoted = !quoted;
                else if (quoted)
                    continue;
                else if (c is '(' or '[')
                    depth++;
                else if (c is ')' or ']' && depth-- == 0)
                    return;
                else if (c == ',' && depth == 0)
                    return;
            }
        }

        /// <summary>Skips the remaining arguments; with <paramref name="closing"/>, also the closing parenthesis.</summary>
        private void SkipArguments(bool closing = true)
        {
            do SkipArgument();
            while (Take(','));
            if (closing)
                Expect(')');
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
                _at++;
        }

        private bool Peek(char c) => _at < text.Length && text[_at] == c;

        private bool Take(char c)
        {
            Skip();
            if (!Peek(c))
                return false;
            _at++;
            return true;
        }

        private void Expect(char c)
        {
            if (!Take(c))
                throw new FormatException($"'{c}' expected at '{text[_at..]}'");
        }
    }
}
