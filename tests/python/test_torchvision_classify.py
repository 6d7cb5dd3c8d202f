"""torchvision reads synthgen's `classify` export (docs/formats.md, "Image classification").

Runs `synthgen generate --formats coco,classify --image-class rarest` on a small rendered scenario,
loads classify/train and classify/val with torchvision.datasets.ImageFolder (the independent
reader), and checks every image's class against the class computed here from the same run's COCO
file (the category present in the fewest images, ties by name; "background" when none), the
per-class counts, and multilabel.csv's 0/1 columns against the COCO annotations of each image.

usage: test_torchvision_classify.py SYNTHGEN_BINARY WORK_DIR
"""
import collections
import csv
import json
import pathlib
import shutil
import subprocess
import sys

from torchvision.datasets import ImageFolder

SCENARIO = {
    "resolution": [96, 72],
    "assets": {
        "cubes": {"category": "shape/cube", "primitive": {"type": "box", "size": [0.08, 0.08, 0.08]}},
        "balls": {"category": "ball", "primitive": {"type": "sphere", "radius": 0.04, "segments": 12}},
        "floor": {"primitive": {"type": "box", "size": [1.0, 1.0, 0.02]}},
    },
    "groups": [
        {"name": "floor", "assets": "floor", "count": 1, "distractor": True, "pose": "fixed",
         "placement": {"mode": "volume", "min": [0, 0, -0.01], "max": [0, 0, -0.01]}},
        {"name": "parts", "assets": {"cubes": 3, "balls": 1}, "count": {"uniform": [1, 3]}, "pose": "upright",
         "placement": {"mode": "scatter", "min": [-0.2, -0.2, 0], "max": [0.2, 0.2, 0]}},
    ],
    "lights": [{"name": "key", "intensity": 15, "distance": 1.5, "elevation": 60}],
    "camera": {"fov": 50, "look_at": {"distance": 0.9, "elevation": 60}},
    "variants": [{"name": "dim", "weight": 0.3, "override": {"lights": [{"name": "key", "intensity": 3}]}}],
}
FRAMES = 30

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    synthgen, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    scenario = work / "scenario.json"
    scenario.write_text(json.dumps(SCENARIO))
    out = work / "dataset"
    subprocess.run([str(synthgen), "generate", str(scenario), "--out", str(out), "--frames", str(FRAMES), "--seed", "11",
                    "--formats", "coco,classify", "--image-class", "rarest", "--splits", "0.6,0.4", "--quiet"], check=True)

    coco = json.loads((out / "coco/annotations.json").read_text())
    names = {c["id"]: c["name"] for c in coco["categories"]}
    present = {im["id"]: set() for im in coco["images"]}
    for a in coco["annotations"]:
        present[a["image_id"]].add(names[a["category_id"]])
    images_with = collections.Counter(n for s in present.values() for n in s)
    stem_class = {}
    for im in coco["images"]:
        cats = sorted(present[im["id"]])
        cls = min(cats, key=lambda n: (images_with[n], n)) if cats else "background"
        stem_class[pathlib.Path(im["file_name"]).stem] = cls
    check(len(stem_class) == FRAMES, f"COCO has {len(stem_class)} images, expected {FRAMES}")
    check(len(set(stem_class.values())) >= 2, f"the run should hold at least two classes: {collections.Counter(stem_class.values())}")

    folders = json.loads((out / "manifest.json").read_text())["exports"]["classify"]["classes"]
    loaded = collections.Counter()
    seen = set()
    for split in ("train", "val"):
        dataset = ImageFolder(str(out / "classify" / split))
        for path, target in dataset.samples:
            cls = folders[dataset.classes[target]]
            stem = pathlib.Path(path).stem
            check(cls == stem_class.get(stem), f"{split}/{stem}: ImageFolder class {cls}, COCO says {stem_class.get(stem)}")
            check(stem not in seen, f"{stem} is in two splits")
            seen.add(stem)
            loaded[cls] += 1
        image, _ = dataset[0]
        check(image.size == (96, 72), f"{split}: first image is {image.size}, expected (96, 72)")
    check(loaded == collections.Counter(stem_class.values()), f"class counts {dict(loaded)} != COCO's {dict(collections.Counter(stem_class.values()))}")
    check("shape__cube" in folders and folders["shape__cube"] == "shape/cube", f"class folders {folders}")

    with open(out / "classify/multilabel.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    check(header[0] == "image", f"header {header}")
    check(len(rows) == FRAMES, f"multilabel.csv has {len(rows)} rows")
    frames = {json.loads(line)["frame"]: json.loads(line) for line in (out / "frames.jsonl").read_text().splitlines()}
    for row in rows:
        stem = pathlib.Path(row[0]).stem
        tags = {t for t, v in zip(header[1:], row[1:]) if v == "1"}
        variant = frames[int(stem)]["sampled"]["variant"]
        expected = set(present[int(stem) + 1]) | ({"variant/" + variant} if variant != "base" else set())
        check(tags == expected, f"{stem}: multilabel tags {sorted(tags)}, COCO + variant say {sorted(expected)}")
        check((out / "classify" / row[0]).is_file(), f"{row[0]} is not a file")

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok: {FRAMES} images, classes {dict(loaded)}")


if __name__ == "__main__":
    main()
