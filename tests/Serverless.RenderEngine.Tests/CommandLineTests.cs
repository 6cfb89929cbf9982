using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("sadtalker", new[] { "sadtalker" })]
    [InlineData("python /opt/SadTalker/inference.py", new[] { "python", "/opt/SadTalker/inference.py" })]
    [InlineData("  python   'my dir/inference.py'  --still ", new[] { "python", "my dir/inference.py", "--still" })]
    [InlineData("--enhancer \"gfp gan\" --x=a\\ b", new[] { "--enhancer", "gfp gan", "--x=a b" })]
    [InlineData("a\"b c\"d ''", new[] { "ab cd", "" })]
    [InlineData("", new string[0])]
    public void Command_strings_split_like_a_shell(string command, string[] expected) => Assert.Equal(expected, CommandLine.Split(command));

    [Fact]
    public void An_unterminated_quote_is_an_error() => Assert.Throws<FormatException>(() => CommandLine.Split("python 'oops"));
}
