using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Face;

public sealed class FaceFinderSettingsTests
{
    [Fact]
    public void The_installed_models_are_found_with_the_default_settings()
    {
        new FaceFinderOptions().EnsureModelsExist();
    }

    [Theory]
    [InlineData("FACE_LANDMARKS_MODEL", "libdlib-data")]
    [InlineData("FACE_DETECTOR_MODEL", "opencv-data")]
    public void A_missing_model_file_is_an_error_naming_its_setting_and_package(string setting, string package)
    {
        var options = Resolve(new() { [setting] = "/nowhere/model.bin" });

        var error = Assert.Throws<FileNotFoundException>(options.EnsureModelsExist);

        Assert.Contains(setting, error.Message);
        Assert.Contains(package, error.Message);
        Assert.Contains("/nowhere/model.bin", error.Message);
    }

    [Fact]
    public void The_settings_are_read_from_their_upper_snake_names()
    {
        var options = Resolve(new() { ["MIN_FACE_PIXELS"] = "100", ["FACE_LANDMARKS_MODEL"] = "/models/a.dat" });

        Assert.Equal(100, options.MinFacePixels);
        Assert.Equal("/models/a.dat", options.LandmarksModelPath);
    }

    [Fact]
    public void A_minimum_face_size_out_of_range_is_refused()
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["MIN_FACE_PIXELS"] = "4" }));
    }

    [Fact]
    public void A_cascade_file_that_is_not_a_haar_cascade_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(
                path,
                "<opencv_storage><cascade><stageType>BOOST</stageType><featureType>LBP</featureType></cascade></opencv_storage>"
            );

            var error = Assert.Throws<InvalidDataException>(() => HaarCascade.Load(path));

            Assert.Contains(path, error.Message);
            Assert.Contains("Haar", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FaceFinderOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddFaceFinder();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<FaceFinderOptions>>().Value;
    }
}
