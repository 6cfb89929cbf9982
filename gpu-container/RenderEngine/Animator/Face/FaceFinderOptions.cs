using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Settings of the face finder (environment variables of the render worker).</summary>
public sealed class FaceFinderOptions
{
    /// <summary>dlib's 68-point landmark model (Debian/Ubuntu package <c>libdlib-data</c>).</summary>
    [ConfigurationKeyName("FACE_LANDMARKS_MODEL")]
    [Required]
    public string LandmarksModelPath { get; set; } = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>OpenCV's frontal-face Haar cascade (Debian/Ubuntu package <c>opencv-data</c>).</summary>
    [ConfigurationKeyName("FACE_DETECTOR_MODEL")]
    [Required]
    public string DetectorModelPath { get; set; } = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";

    /// <summary>
    /// The narrowest usable face, as the width of its box in pixels of the portrait (the box spans the face from
    /// cheek to cheek; the eyes are about 40 % of it apart). A smaller face is too coarse to animate.
    /// </summary>
    [ConfigurationKeyName("MIN_FACE_PIXELS")]
    [Range(16, 4096)]
    public int MinFacePixels { get; set; } = 64;

    /// <summary>Throws a <see cref="FileNotFoundException"/> naming the setting when a model file is missing.</summary>
    public void EnsureModelsExist()
    {
        Require(LandmarksModelPath, "FACE_LANDMARKS_MODEL", "libdlib-data");
        Require(DetectorModelPath, "FACE_DETECTOR_MODEL", "opencv-data");
    }

    private static void Require(string path, string setting, string package)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The face model {path} ({setting}) does not exist: install the {package} package (scripts/install-prereqs.sh) or point {setting} at the file.",
                path
            );
    }
}
