#!/usr/bin/env python3
"""A stand-in for OpenTalker/SadTalker's inference.py (commit cd4c0465) that fails where the real one fails.

It is a Python program on purpose, so that it meets a closed stdout the way the real one does: BrokenPipeError at
the first print under PYTHONUNBUFFERED=1, otherwise exit 120 at shutdown. Like the real program it
- parses the real command line with argparse (an unknown argument such as --device exits with 2, --preprocess
  accepts only its choices);
- resolves its config folder from argv[0] (<folder of this file>/src/config) and its weights from the current
  working directory (./checkpoints, gfpgan/weights), "downloading" a missing facexlib/GFPGAN weight (this fake is
  always offline: urlopen error);
- writes its scratch <uuid>.mp4 files into the current working directory (video writer, paste-back) and moves
  them with shutil.move, so an unwritable working directory fails with FileNotFoundError;
- prints its progress and some failure texts on stdout and tracebacks and progress bars on stderr;
- writes <result_dir>/<YYYY_MM_DD_HH.MM.SS>.mp4 (256 px, or the portrait's size with --preprocess full and twice
  that with --enhancer) and ends with "The generated video is named: <path>".

Settings (environment variables):
  FAKE_SADTALKER_MODE      ok (default) | no_video (exits 0 without a video) | no_coeffs ("Can't get the coeffs",
                           exit 0) | no_face (the croper's raise of a str) | oom (torch.cuda.OutOfMemoryError) |
                           oom_cuda_error (CUDA error: out of memory) | oom_cublas (CUBLAS_STATUS_ALLOC_FAILED) |
                           oom_host (MemoryError) | oom_killed (SIGKILL, exit 137) | oom_loop (landmark detection's
                           endless "Warning: out of memory, sleep for 1s") | crash | hang | leak_secret
  FAKE_SADTALKER_PIDFILE   with hang: where the pid of the child process it waits on is written
  FAKE_SADTALKER_FFMPEG    the ffmpeg program (default ffmpeg)
  FAKE_SADTALKER_GPU       1 = simulated-GPU time mode: sleeps (no CPU) as long as a GPU would work, its own
                           encode of the frames counted in that time; off by default
  FAKE_SADTALKER_LOAD_SECONDS               in that mode, the model load per run (default 10)
  FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND   in that mode, render time per second of audio (default 3)
  FAKE_SADTALKER_PYTHON    the interpreter the .NET launcher beside it (fake-sadtalker) becomes (default python3)
  FAKE_SADTALKER_RUNS_LOG  a file every run appends one JSON line to when it starts ("event": "start", its number "run"
                           from 1 on, "pid", "ppid" (the render worker), "time", the driven audio's "audioMd5" and
                           "audioSeconds") and one when it ends ("event": "end", "run", "time", "outcome": "returned" or
                           the exception's type; none when it is killed); runs are numbered under a lock, across processes
  FAKE_SADTALKER_FAIL_RUNS with FAKE_SADTALKER_RUNS_LOG: run numbers (comma-separated) that fail in FAKE_SADTALKER_FAIL_MODE
                           instead of FAKE_SADTALKER_MODE, e.g. 1 = the first run crashes and every later one renders
  FAKE_SADTALKER_FAIL_MODE the mode of those runs (default crash)
The folder of this file is a SadTalker root: src/config, and small stand-ins for every default weight in
checkpoints/ and gfpgan/weights/ (it checks only that they exist and are not empty).
"""
import fcntl
import glob
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import uuid
import wave
from argparse import ArgumentParser
from time import strftime

# When the run began: the simulated GPU time counts from here, as a user's stopwatch would.
STARTED = time.monotonic()

FACEXLIB = "https://github.com/xinntao/facexlib/releases/download"
GFPGAN = "https://github.com/TencentARC/GFPGAN/releases/download"


class SafetensorError(Exception):
    pass


SafetensorError.__module__ = "safetensors_rust"


class OutOfMemoryError(RuntimeError):
    pass


OutOfMemoryError.__module__ = "torch.cuda"


RUN_MODE = None  # this run's mode when FAKE_SADTALKER_FAIL_RUNS names it


def mode():
    return RUN_MODE or os.environ.get("FAKE_SADTALKER_MODE", "ok")


def ffmpeg():
    return os.environ.get("FAKE_SADTALKER_FFMPEG", "ffmpeg")


def gpu_mode():
    return os.environ.get("FAKE_SADTALKER_GPU", "0") not in ("", "0", "false")


def gpu_wait(deadline):
    """Sleeps until the simulated GPU work started by face_render is done."""
    if deadline is not None:
        time.sleep(max(0.0, deadline - time.monotonic()))


def load_weight(path):
    """torch.load / safetensors.torch.load_file of a weight file."""
    with open(path, "rb") as f:
        head = f.read(8)
    if not head:
        if path.endswith(".safetensors"):
            raise SafetensorError("Error while deserializing header: HeaderTooSmall")
        raise EOFError("Ran out of input")


def load_file_from_url(url, save_dir):
    """facexlib.utils.load_file_from_url: uses the cached file, else downloads it (offline here)."""
    cached = os.path.abspath(os.path.join(save_dir, os.path.basename(url)))
    if not os.path.exists(cached):
        os.makedirs(os.path.abspath(save_dir), exist_ok=True)
        print(f'Downloading: "{url}" to {cached}\n')
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))
    load_weight(cached)
    return cached


def init_path(checkpoint_dir, config_dir, size, old_version, preprocess):
    """src/utils/init_path.py: which files the models load."""
    if not old_version and glob.glob(os.path.join(checkpoint_dir, "*.safetensors")):
        print("using safetensor as default")
        paths = {"checkpoint": os.path.join(checkpoint_dir, f"SadTalker_V0.0.2_{size}.safetensors")}
    else:
        if not old_version:
            print("WARNING: The new version of the model will be updated by safetensor, you may need to download it mannully. We run the old version of the checkpoint this time!")
        paths = {"checkpoint": os.path.join(checkpoint_dir, "epoch_20.pth")}
    mapping = "mapping_00109-model.pth.tar" if "full" in preprocess else "mapping_00229-model.pth.tar"
    paths["mapping"] = os.path.join(checkpoint_dir, mapping)
    paths["lm3d"] = os.path.join(config_dir, "similarity_Lm3D_all.mat")
    paths["yaml"] = [os.path.join(config_dir, n) for n in ("auido2pose.yaml", "auido2exp.yaml")]
    paths["facerender"] = os.path.join(config_dir, "facerender_still.yaml" if "full" in preprocess else "facerender.yaml")
    return paths


def load_models(paths):
    # CropAndExtract: facexlib's detectors from gfpgan/weights (relative to the working directory), then net_recon.
    load_file_from_url(f"{FACEXLIB}/v0.1.0/alignment_WFLW_4HG.pth", "gfpgan/weights")
    load_file_from_url(f"{FACEXLIB}/v0.1.0/detection_Resnet50_Final.pth", "gfpgan/weights")
    load_weight(paths["checkpoint"])
    open(paths["lm3d"], "rb").close()
    # Audio2Coeff, AnimateFromCoeff.
    for yaml in paths["yaml"] + [paths["facerender"]]:
        open(yaml).close()
    load_weight(paths["mapping"])


def audio_seconds(path):
    try:
        with wave.open(path) as w:
            return w.getnframes() / float(w.getframerate())
    except (wave.Error, EOFError):
        out = subprocess.run(
            [ffmpeg().replace("ffmpeg", "ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
            capture_output=True, text=True, check=True,
        )
        return float(out.stdout.strip())


def image_size(path):
    out = subprocess.run(
        [ffmpeg().replace("ffmpeg", "ffprobe"), "-v", "error", "-select_streams", "v:0",
         "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
        capture_output=True, text=True,
    )
    width, height = (int(v) for v in out.stdout.strip().split(",")[:2])
    return width, height


def face_detection(pic_path):
    """3DMM extraction: src/utils/preprocess.py, src/utils/croper.py and src/face3d/extract_kp_videos_safe.py."""
    if not os.path.isfile(pic_path):
        raise ValueError("input_path must be a valid path to video/image file")
    if pic_path.split(".")[-1] in ["jpg", "png", "jpeg"]:
        frames = [pic_path]  # cv2.imread
    else:
        # Anything else is opened with cv2.VideoCapture; this fake assumes it yields no frame.
        frames = []
    if mode() == "no_coeffs":
        print("No face is detected in the input file")
        return False
    croper_crop(frames)
    if mode() == "oom_loop":
        while True:
            print("Warning: out of memory, sleep for 1s")
            time.sleep(1)
    print("landmark Det:: 100%|##########| 1/1 [00:00<00:00,  9.12it/s]", file=sys.stderr)
    return True


def croper_crop(img_np_list):
    img_np = img_np_list[0]
    lm = None if mode() == "no_face" else img_np
    if lm is None:
        raise "can not detect the landmark from source image"


def face_render(seconds):
    """Starts the render proper. In simulated-GPU mode it returns when it must be over: per-second × seconds from
    now, the writing of the frames included (as users time a whole run), so that CPU work done meanwhile (its own
    encode, other workers') does not add to it."""
    failure = mode()
    if failure == "oom":
        raise OutOfMemoryError(
            "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 14.75 GiB total capacity; 12.10 GiB already allocated; "
            "1.02 GiB free; 12.40 GiB reserved in total by PyTorch)")
    if failure == "oom_cuda_error":
        raise RuntimeError("CUDA error: out of memory\nCUDA kernel errors might be asynchronously reported at some other API call")
    if failure == "oom_cublas":
        raise RuntimeError("CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`")
    if failure == "oom_host":
        raise MemoryError()
    if failure == "oom_killed":
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    if failure == "crash":
        raise RuntimeError("The size of tensor a (64) must match the size of tensor b (32) at non-singleton dimension 1")
    if failure == "leak_secret":
        print("ConnectionError: GET https://bucket.s3.amazonaws.com/work/x/image?X-Amz-Signature=deadbeefcafe&X-Amz-Credential=AKIAEXAMPLE failed",
              file=sys.stderr)
        print("headers: Authorization: Bearer sk-live-secret-token-123456", file=sys.stderr)
        raise ConnectionError("the download failed")
    for name in ("mel:", "audio2exp:", "Face Renderer:"):
        print(f"{name} 100%|##########| 1/1 [00:00<00:00, 12.00it/s]", file=sys.stderr)
    if gpu_mode():
        return time.monotonic() + float(os.environ.get("FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND", "3")) * seconds
    return None


def encode(pic_path, seconds, size, path):
    """The rendered frames (imageio.mimsave): the portrait, moving, at 25 fps, without sound.

    Like a real render, no frame repeats the one before: the head tilts (a rotation) and sways sideways (a moving
    crop) a quarter period apart, so one of them is always in motion. The frame times are whole frames (settb, then
    setpts=N: N/25/TB in floating point put some frames on their predecessor's time, so a frame was repeated and the
    next one skipped). The motion is made at SadTalker's own 256 px and scaled up, which keeps the fake's CPU time
    small next to the simulated GPU time: about 0.25 s per second of audio at 1024 px (2.5 times less than rotating
    full frames).
    """
    width, height = (v // 2 * 2 for v in size)
    subprocess.run(
        [ffmpeg(), "-v", "error", "-y", "-i", pic_path,
         "-filter_complex", "scale=256:256,format=yuv420p,loop=loop=-1:size=1:start=0,settb=1/25,setpts=N,"
                            "rotate='0.05*sin(2*PI*t)',crop=240:240:'8+8*cos(2*PI*t)':8,"
                            f"scale={width}:{height}:flags=fast_bilinear",
         "-t", f"{seconds:.3f}", "-r", "25", "-c:v", "libx264", "-preset", "ultrafast", path],
        check=True,
    )


def save_video_with_watermark(video, audio, save_path):
    """src/utils/videoio.py: ffmpeg into <uuid>.mp4 in the working directory (its failure ignored), then a move."""
    temp_file = str(uuid.uuid4()) + ".mp4"
    os.system(f'{ffmpeg()} -y -hide_banner -loglevel error -i "{video}" -i "{audio}" -vcodec copy -ar 16000 "{temp_file}"')
    shutil.move(temp_file, save_path)


def paste_pic(video_path, new_audio_path, full_video_path):
    """src/utils/paste_pic.py: cv2.VideoWriter into <uuid>.mp4 in the working directory (silent on failure)."""
    tmp_path = str(uuid.uuid4()) + ".mp4"
    subprocess.run([ffmpeg(), "-v", "quiet", "-y", "-i", video_path, "-c", "copy", tmp_path], check=False)
    print("seamlessClone:: 100%|##########| 1/1 [00:00<00:00, 30.00it/s]", file=sys.stderr)
    save_video_with_watermark(tmp_path, new_audio_path, full_video_path)
    os.remove(tmp_path)


def enhancer_weights(method):
    """src/utils/face_enhancer.py and GFPGANer: which weights it loads, downloading missing ones."""
    if method == "gfpgan":
        name, url = "GFPGANv1.4", f"{GFPGAN}/v1.3.0/GFPGANv1.4.pth"
    elif method == "RestoreFormer":
        name, url = "RestoreFormer", f"{GFPGAN}/v1.3.4/RestoreFormer.pth"
    else:
        raise ValueError(f"Wrong model version {method}.")
    model_path = os.path.join("gfpgan/weights", name + ".pth")
    if not os.path.isfile(model_path):
        model_path = os.path.join("checkpoints", name + ".pth")
    if not os.path.isfile(model_path):
        # GFPGANer downloads into its own package folder.
        site = os.path.join(sys.prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}", "site-packages")
        load_file_from_url(url, os.path.join(site, "gfpgan/weights"))
    else:
        load_weight(model_path)
    # FaceRestoreHelper's models, relative to the working directory.
    load_file_from_url(f"{FACEXLIB}/v0.1.0/detection_Resnet50_Final.pth", "gfpgan/weights")
    load_file_from_url(f"{FACEXLIB}/v0.2.2/parsing_parsenet.pth", "gfpgan/weights")


def main(args):
    pic_path = args.source_image
    audio_path = args.driven_audio
    save_dir = os.path.join(args.result_dir, strftime("%Y_%m_%d_%H.%M.%S"))
    os.makedirs(save_dir, exist_ok=True)

    current_root_path = os.path.split(sys.argv[0])[0]
    paths = init_path(args.checkpoint_dir, os.path.join(current_root_path, "src/config"), args.size, args.old_version, args.preprocess)
    load_models(paths)
    # The model load ends LOAD_SECONDS after the run began, whatever the start-up took.
    gpu_wait(STARTED + float(os.environ.get("FAKE_SADTALKER_LOAD_SECONDS", "10")) if gpu_mode() else None)

    if mode() == "hang":
        child = subprocess.Popen(["sleep", "600"])
        if os.environ.get("FAKE_SADTALKER_PIDFILE"):
            with open(os.environ["FAKE_SADTALKER_PIDFILE"], "w") as f:
                f.write(str(child.pid))
        child.wait()

    first_frame_dir = os.path.join(save_dir, "first_frame_dir")
    os.makedirs(first_frame_dir, exist_ok=True)
    print("3DMM Extraction for source image")
    if not face_detection(pic_path):
        print("Can't get the coeffs of the input")
        return
    if mode() == "no_video":
        return

    seconds = audio_seconds(audio_path)
    render_done = face_render(seconds)

    full = "full" in args.preprocess.lower()
    size = image_size(pic_path) if full else (args.size, args.size)
    if args.enhancer:
        enhancer_weights(args.enhancer)
        size = (size[0] * 2, size[1] * 2)
    name = os.path.splitext(os.path.split(pic_path)[-1])[0] + "##" + os.path.splitext(os.path.split(audio_path)[-1])[0]
    path = os.path.join(save_dir, "temp_" + name + ".mp4")
    encode(pic_path, seconds, size, path)
    av_path = os.path.join(save_dir, name + ".mp4")
    save_video_with_watermark(path, audio_path, av_path)
    print(f"The generated video is named {save_dir}/{name}.mp4")
    result = av_path
    if full:
        result = os.path.join(save_dir, name + "_full.mp4")
        paste_pic(path, audio_path, result)
        print(f"The generated video is named {save_dir}/{name}_full.mp4")
    if args.enhancer:
        print("face enhancer....")
        print("Face Enhancer:: 100%|##########| 1/1 [00:00<00:00,  2.00it/s]", file=sys.stderr)
        enhanced = os.path.join(save_dir, name + "_enhanced.mp4")
        save_video_with_watermark(result, audio_path, enhanced)
        print(f"The generated video is named {save_dir}/{name}_enhanced.mp4")
        result = enhanced
    os.remove(path)
    gpu_wait(render_done)

    shutil.move(result, save_dir + ".mp4")
    print("The generated video is named:", save_dir + ".mp4")
    if not args.verbose:
        shutil.rmtree(save_dir)


class RunLog:
    """FAKE_SADTALKER_RUNS_LOG: one line when a run starts (numbered under a lock) and one when it ends."""

    def __init__(self, path, number):
        self.path, self.number = path, number

    @staticmethod
    def start(args):
        path = os.environ.get("FAKE_SADTALKER_RUNS_LOG")
        if not path:
            return None
        entry = {"event": "start", "pid": os.getpid(), "ppid": os.getppid(), "audioMd5": None, "audioSeconds": None}
        try:
            with open(args.driven_audio, "rb") as f:
                entry["audioMd5"] = hashlib.md5(f.read()).hexdigest()
            entry["audioSeconds"] = audio_seconds(args.driven_audio)
        except (OSError, ValueError, subprocess.CalledProcessError):
            pass
        with open(path, "a+") as log:
            fcntl.flock(log, fcntl.LOCK_EX)
            log.seek(0)
            number = 1 + sum(1 for line in log if json.loads(line)["event"] == "start")
            log.write(json.dumps(dict(entry, run=number, time=time.time())) + "\n")
        return RunLog(path, number)

    def end(self, outcome):
        with open(self.path, "a") as log:
            fcntl.flock(log, fcntl.LOCK_EX)
            log.write(json.dumps({"event": "end", "run": self.number, "time": time.time(), "outcome": outcome}) + "\n")


def run(args):
    global RUN_MODE
    runs = RunLog.start(args)
    if runs and str(runs.number) in os.environ.get("FAKE_SADTALKER_FAIL_RUNS", "").replace(" ", "").split(","):
        RUN_MODE = os.environ.get("FAKE_SADTALKER_FAIL_MODE") or "crash"
    try:
        main(args)
    except BaseException as e:
        if runs:
            runs.end(type(e).__name__)
        raise
    if runs:
        runs.end("returned")


if __name__ == "__main__":
    parser = ArgumentParser()
    parser.add_argument("--driven_audio", default="./examples/driven_audio/bus_chinese.wav", help="path to driven audio")
    parser.add_argument("--source_image", default="./examples/source_image/full_body_1.png", help="path to source image")
    parser.add_argument("--ref_eyeblink", default=None, help="path to reference video providing eye blinking")
    parser.add_argument("--ref_pose", default=None, help="path to reference video providing pose")
    parser.add_argument("--checkpoint_dir", default="./checkpoints", help="path to output")
    parser.add_argument("--result_dir", default="./results", help="path to output")
    parser.add_argument("--pose_style", type=int, default=0, help="input pose style from [0, 46)")
    parser.add_argument("--batch_size", type=int, default=2, help="the batch size of facerender")
    parser.add_argument("--size", type=int, default=256, help="the image size of the facerender")
    parser.add_argument("--expression_scale", type=float, default=1.0, help="the batch size of facerender")
    parser.add_argument("--input_yaw", nargs="+", type=int, default=None, help="the input yaw degree of the user ")
    parser.add_argument("--input_pitch", nargs="+", type=int, default=None, help="the input pitch degree of the user")
    parser.add_argument("--input_roll", nargs="+", type=int, default=None, help="the input roll degree of the user")
    parser.add_argument("--enhancer", type=str, default=None, help="Face enhancer, [gfpgan, RestoreFormer]")
    parser.add_argument("--background_enhancer", type=str, default=None, help="background enhancer, [realesrgan]")
    parser.add_argument("--cpu", dest="cpu", action="store_true")
    parser.add_argument("--face3dvis", action="store_true", help="generate 3d face and 3d landmarks")
    parser.add_argument("--still", action="store_true", help="can crop back to the original videos for the full body aniamtion")
    parser.add_argument("--preprocess", default="crop", choices=["crop", "extcrop", "resize", "full", "extfull"], help="how to preprocess the images")
    parser.add_argument("--verbose", action="store_true", help="saving the intermedia output or not")
    parser.add_argument("--old_version", action="store_true", help="use the pth other than safetensor version")
    parser.add_argument("--net_recon", type=str, default="resnet50", choices=["resnet18", "resnet34", "resnet50"], help="useless")
    parser.add_argument("--init_path", type=str, default=None, help="Useless")
    parser.add_argument("--use_last_fc", default=False, help="zero initialize the last fc")
    parser.add_argument("--bfm_folder", type=str, default="./checkpoints/BFM_Fitting/")
    parser.add_argument("--bfm_model", type=str, default="BFM_model_front.mat", help="bfm model")
    parser.add_argument("--focal", type=float, default=1015.0)
    parser.add_argument("--center", type=float, default=112.0)
    parser.add_argument("--camera_d", type=float, default=10.0)
    parser.add_argument("--z_near", type=float, default=5.0)
    parser.add_argument("--z_far", type=float, default=15.0)

    run(parser.parse_args())
