#!/usr/bin/python3
"""Quality benchmark: synthgen against a Blender Cycles reference (bench/quality/README.md).

    bench/quality/run.sh [PRESET ...] [--runs N] [--work DIR] [--width W --height H] ...

Builds the scenes in Blender (make_scenes.py), renders the Cycles reference once (cached in the work
folder), then, alternating within each run, Cycles at 16 samples and synthgen at every preset; EEVEE
at 64 samples; tone-maps every image with synthgen's own tone mapping and compares luma by SSIM and PSNR.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCENES = ("scene1_primitives", "scene2_room")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("presets", nargs="*", help="synthgen --quality presets (default: draft standard high when supported)")
    p.add_argument("--synthgen", default=os.path.join(ROOT, "build", "synthgen"), help="the synthgen binary")
    p.add_argument("--blender", default="blender")
    p.add_argument("--work", default=os.path.join(ROOT, "build", "bench-quality"), help="scenes, cached references, images, results")
    p.add_argument("--width", type=int, default=320)
    p.add_argument("--height", type=int, default=240)
    p.add_argument("--ref-samples", type=int, default=1024, help="Cycles samples of the reference (>= 1024)")
    p.add_argument("--runs", type=int, default=3, help="timed runs of Cycles 16 and of synthgen per preset (medians)")
    p.add_argument("--generate-frames", type=int, default=40,
                   help="frames of each timed `synthgen generate SCENE.gltf` (the same scene every frame; 0 = skip)")
    p.add_argument("--timing-size", default="640x480",
                   help="WxH of the side-by-side speed runs, Cycles 16 against synthgen generate (none = skip)")
    p.add_argument("--eevee-runs", type=int, default=1, help="EEVEE 64-sample runs (0 = skip EEVEE)")
    return p.parse_args()


def run(cmd, **kw):
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit("failed (exit %d): %s\n%s" % (r.returncode, " ".join(cmd), r.stdout[-3000:]))
    return r.stdout, wall


def scene_key():
    """Changes whenever the scene or render scripts change, so cached references are never stale."""
    h = hashlib.sha256()
    for name in ("make_scenes.py", "render_blender.py"):
        with open(os.path.join(HERE, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:12]


def make_scenes(args, scene_dir):
    if all(os.path.exists(os.path.join(scene_dir, s + ext)) for s in SCENES for ext in (".blend", ".gltf")):
        return
    run([args.blender, "-b", "--factory-startup", "--python", os.path.join(HERE, "make_scenes.py"), "--", scene_dir])


def blender_render(args, scene_dir, scene, engine, samples, out, size=None):
    """Returns (linear image, render seconds, wall seconds with Blender's start-up)."""
    width, height = size or (args.width, args.height)
    cmd = [args.blender, "-b", "--factory-startup", os.path.join(scene_dir, scene + ".blend"),
           "--python", os.path.join(HERE, "render_blender.py"), "--",
           engine, str(samples), str(width), str(height), out]
    if engine == "eevee":
        cmd = ["xvfb-run", "-a"] + cmd  # EEVEE needs an OpenGL context (Mesa llvmpipe under Xvfb)
    text, wall = run(cmd)
    seconds = [float(line.split()[1]) for line in text.splitlines() if line.startswith("render_seconds ")]
    return np.load(out), seconds[-1], wall


def supports_quality(args, command):
    text, _ = run([args.synthgen, command, "--help"])
    return "--quality" in text


def synthgen_presets(args):
    """The --quality presets to run, or [None] ("as is") when this synthgen has no --quality option."""
    if not supports_quality(args, "render"):
        if args.presets:
            print("note: %s render has no --quality option; rendering it as is" % args.synthgen, file=sys.stderr)
        return [None]
    return args.presets or ["draft", "standard", "high"]


def synthgen_generate(args, scene_dir, scene, preset, out, size=None):
    """Seconds per frame of `synthgen generate SCENE.gltf` (labels, PNGs, COCO and YOLO written), start-up
    amortized over --generate-frames frames."""
    width, height = size or (args.width, args.height)
    cmd = [args.synthgen, "generate", os.path.join(scene_dir, scene + ".gltf"), "--out", out, "--overwrite", "--quiet",
           "--frames", str(args.generate_frames), "--width", str(width), "--height", str(height)]
    if preset and args.generate_quality:
        cmd += ["--quality", preset]
    _, wall = run(cmd)
    return wall / args.generate_frames


def synthgen_render(args, scene_dir, scene, preset, out):
    """Returns (sRGB uint8 image, wall seconds of one `synthgen render` process, start-up and file writing included)."""
    from PIL import Image
    cmd = [args.synthgen, "render", os.path.join(scene_dir, scene + ".gltf"), "--out", out,
           "--width", str(args.width), "--height", str(args.height)]
    if preset:
        cmd += ["--quality", preset]
    _, wall = run(cmd)
    return np.asarray(Image.open(os.path.join(out, "rgb.png")).convert("RGB")), wall


def compare(ref_luma, srgb8):
    y = metrics.luma(srgb8)
    return metrics.ssim(ref_luma, y), metrics.psnr(ref_luma, y)


def check_ssim_against_skimage(a, b):
    try:
        from skimage.metrics import structural_similarity
    except ImportError:
        return "skimage not installed: SSIM not cross-checked"
    theirs = structural_similarity(a, b, data_range=1.0, gaussian_weights=True, sigma=1.5, use_sample_covariance=False)
    return "SSIM cross-check: numpy %.6f, skimage %.6f" % (metrics.ssim(a, b), theirs)


def bench_scene(args, scene_dir, img_dir, scene, presets):
    from PIL import Image
    ref_path = os.path.join(scene_dir, "%s-cycles%d-%dx%d.npy" % (scene, args.ref_samples, args.width, args.height))
    if os.path.exists(ref_path):
        ref, ref_seconds = np.load(ref_path), None
    else:
        print("%s: rendering the Cycles reference (%d samples, %dx%d)..." % (scene, args.ref_samples, args.width, args.height), flush=True)
        ref, ref_seconds, _ = blender_render(args, scene_dir, scene, "cycles", args.ref_samples, ref_path)
    ref8 = metrics.tone_map_to_srgb8(ref)
    Image.fromarray(ref8).save(os.path.join(img_dir, scene + "-reference.png"))
    ref_luma = metrics.luma(ref8)
    rows = []
    cycles_times, cycles_walls = [], []
    sg_walls, gen_frames = {p: [] for p in presets}, {p: [] for p in presets}
    for i in range(args.runs):  # alternate Cycles 16 and synthgen so both see the same load
        img, seconds, wall = blender_render(args, scene_dir, scene, "cycles", 16, os.path.join(img_dir, scene + "-cycles16.npy"))
        cycles_times.append(seconds)
        cycles_walls.append(wall)
        for p in presets:
            out = os.path.join(img_dir, "%s-synthgen-%s" % (scene, p or "as-is"))
            sg8, wall = synthgen_render(args, scene_dir, scene, p, out)
            sg_walls[p].append(wall)
            if args.generate_frames > 0:
                gen_frames[p].append(synthgen_generate(args, scene_dir, scene, p, out + "-generate"))
    cycles8 = metrics.tone_map_to_srgb8(img)
    Image.fromarray(cycles8).save(os.path.join(img_dir, scene + "-cycles16.png"))
    cycles_median = statistics.median(cycles_times)
    for p in presets:
        sg8 = np.asarray(Image.open(os.path.join(img_dir, "%s-synthgen-%s" % (scene, p or "as-is"), "rgb.png")).convert("RGB"))
        s, db = compare(ref_luma, sg8)
        wall = statistics.median(sg_walls[p])
        per_frame = statistics.median(gen_frames[p]) if gen_frames[p] else None
        speed = cycles_median / (per_frame or wall)
        rows.append(("synthgen " + ("--quality " + p if p else "as is"), s, db, wall, per_frame, speed))
    if args.eevee_runs > 0:
        times, walls = [], []
        for i in range(args.eevee_runs):
            img, seconds, wall = blender_render(args, scene_dir, scene, "eevee", 64, os.path.join(img_dir, scene + "-eevee64.npy"))
            times.append(seconds)
            walls.append(wall)
        e8 = metrics.tone_map_to_srgb8(img)
        Image.fromarray(e8).save(os.path.join(img_dir, scene + "-eevee64.png"))
        s, db = compare(ref_luma, e8)
        rows.append(("Blender EEVEE, 64 samples", s, db, statistics.median(walls), statistics.median(times), None))
    s, db = compare(ref_luma, cycles8)
    rows.append(("Blender Cycles, 16 samples", s, db, statistics.median(cycles_walls), cycles_median, 1.0))
    note = check_ssim_against_skimage(ref_luma, metrics.luma(cycles8))
    return rows, ref_seconds, note


def speed_scene(args, scene_dir, img_dir, scene, presets, size):
    """Cycles 16 against synthgen generate at `size`, alternating within each run; medians."""
    cycles, gen = [], {p: [] for p in presets}
    for i in range(args.runs):
        _, seconds, _ = blender_render(args, scene_dir, scene, "cycles", 16, os.path.join(img_dir, scene + "-speed-cycles16.npy"), size)
        cycles.append(seconds)
        for p in presets:
            gen[p].append(synthgen_generate(args, scene_dir, scene, p, os.path.join(img_dir, "%s-speed-%s" % (scene, p or "as-is")), size))
    c = statistics.median(cycles)
    return [("synthgen " + ("--quality " + p if p else "as is"), c, statistics.median(gen[p])) for p in presets]


def speed_table(args, speeds, size):
    lines = ["", "Speed at %dx%d, side by side (median of %d alternating runs): Cycles 16 samples, render alone, against "
             "`synthgen generate SCENE.gltf --frames %d` (labels and files included) per frame." % (size[0], size[1], args.runs, args.generate_frames), "",
             "| scene | synthgen | Cycles 16, s/frame | synthgen, s/frame | × faster than Cycles 16 |", "|---|---|---|---|---|"]
    for scene, rows in speeds:
        for name, c, g in rows:
            lines.append("| %s | %s | %.2f | %.3f | %.0f× |" % (scene, name, c, g, c / g))
    return "\n".join(lines) + "\n"


def table(args, results, notes):
    lines = ["Quality against Blender Cycles %d samples (reference), %dx%d, luma (Rec. 709 on tone-mapped sRGB), "
             "SSIM (Gaussian 11x11, sigma 1.5) and PSNR; times: median of %d runs (EEVEE: %d)."
             % (args.ref_samples, args.width, args.height, args.runs, args.eevee_runs), ""]
    lines.append("| scene | renderer | SSIM | PSNR (dB) | s/frame, one process per frame (start-up included) "
                 "| s/frame: Blender's render alone; synthgen `generate` of %d frames, labels and files included "
                 "| × faster than Cycles 16 (its render time / synthgen's s/frame) |" % args.generate_frames)
    lines.append("|---|---|---|---|---|---|---|")
    for scene, rows in results:
        for name, s, db, wall, render, speed in rows:
            lines.append("| %s | %s | %.3f | %.1f | %.2f | %s | %s |" % (
                scene, name, s, db, wall, "%.3f" % render if render is not None else "–",
                "%.0f×" % speed if speed is not None and name.startswith("synthgen") else "–"))
    lines.append("")
    lines += notes
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    if args.ref_samples < 1024:
        print("note: a reference under 1024 samples is noisy; the README's figures use 1024", file=sys.stderr)
    scene_dir = os.path.join(args.work, "scenes-" + scene_key())
    img_dir = os.path.join(args.work, "images")
    os.makedirs(scene_dir, exist_ok=True)
    os.makedirs(img_dir, exist_ok=True)
    make_scenes(args, scene_dir)
    presets = synthgen_presets(args)
    args.generate_quality = args.generate_frames > 0 and presets != [None] and supports_quality(args, "generate")
    if presets != [None] and args.generate_frames > 0 and not args.generate_quality:
        print("note: generate has no --quality option; its per-frame times are the default preset's", file=sys.stderr)
    size = None if args.timing_size == "none" or args.generate_frames <= 0 else tuple(int(v) for v in args.timing_size.split("x"))
    results, notes, speeds = [], [], []
    for scene in SCENES:
        rows, ref_seconds, note = bench_scene(args, scene_dir, img_dir, scene, presets)
        results.append((scene, rows))
        if size:
            speeds.append((scene, speed_scene(args, scene_dir, img_dir, scene, presets, size)))
        notes.append("%s: reference %s; %s" % (scene, "rendered in %.1f s" % ref_seconds if ref_seconds else "from the cache", note))
    report = table(args, results, notes) + (speed_table(args, speeds, size) if size else "")
    sys.stdout.write(report)
    with open(os.path.join(args.work, "results.md"), "w") as f:
        f.write(report)


if __name__ == "__main__":
    main()
