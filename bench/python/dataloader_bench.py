"""Frames per second: a PyTorch DataLoader (synthgen.torch.SyntheticDataset, 2 workers) against
`synthgen generate` on the same scenario, alternating, medians.

usage (from the repository root, after building):
  PYTHONPATH=build/python /usr/bin/python3 bench/python/dataloader_bench.py [FRAMES] [RUNS]

Both start cold (process start, scenario load, Vulkan devices) and are timed to the last frame. The
loader's start (forking 2 workers, each opening its own Vulkan device) costs about 0.3 s more than
generate's, so short runs understate its rate; the default of 300 frames is 10 s of training input.
generate writes RGB + instance + depth PNGs and COCO + YOLO (its defaults) to a temporary folder;
the loader hands each frame to a loop that only touches the tensors (image, boxes, labels, masks).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import torch

from synthgen.torch import SyntheticDataset, collate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(ROOT, "bench", "generate", "scenario-20-objects.json")
BINARY = os.path.join(ROOT, "build", "synthgen")


def run_generate(frames, out):
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([BINARY, "generate", SCENARIO, "--out", out, "--frames", str(frames), "--quiet"], check=True)
    return frames / (time.perf_counter() - start)


def run_loader(frames, workers, masks=True):
    start = time.perf_counter()
    ds = SyntheticDataset(SCENARIO, frames=frames, width=640, height=480, masks=masks)
    loader = torch.utils.data.DataLoader(ds, batch_size=4, num_workers=workers, collate_fn=collate)
    seen, touched = 0, 0.0
    for images, targets in loader:
        for image, target in zip(images, targets):
            touched += float(image[0, 0, 0]) + float(target["boxes"].sum()) + int(target["labels"].sum()) + int(target.get("masks", target["labels"]).shape[0])
            seen += 1
    assert seen == frames
    return frames / (time.perf_counter() - start)


def main():
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    out = tempfile.mkdtemp(prefix="synthgen-bench-")
    cli, py, boxes_only = [], [], []
    try:
        for r in range(runs):
            cli.append(run_generate(frames, os.path.join(out, "ds")))
            py.append(run_loader(frames, 2))
            boxes_only.append(run_loader(frames, 2, masks=False))
            print(f"run {r + 1}: generate {cli[-1]:.1f} frames/s, DataLoader (2 workers) {py[-1]:.1f} frames/s = "
                  f"{100 * py[-1] / cli[-1]:.0f} %, without masks {boxes_only[-1]:.1f} frames/s = "
                  f"{100 * boxes_only[-1] / cli[-1]:.0f} %", flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    ratios = [p / c for p, c in zip(py, cli)]
    print(f"median over {runs} alternating runs of {frames} frames at 640x480: generate {statistics.median(cli):.1f} frames/s, "
          f"DataLoader {statistics.median(py):.1f} frames/s; median ratio {100 * statistics.median(ratios):.0f} % "
          f"(range {100 * min(ratios):.0f}-{100 * max(ratios):.0f} %); without masks "
          f"{100 * statistics.median([b / c for b, c in zip(boxes_only, cli)]):.0f} %")


if __name__ == "__main__":
    main()
