"""synthgen.torch: DataLoader workers yield the single process's samples; torchvision detectors
train on them (finite losses); MixedDataset mixes a real COCO set in, deterministic per seed and epoch.

usage: test_torch.py SYNTHGEN_BINARY SCENARIO WORK_DIR
"""

import json
import math
import os
import shutil
import subprocess
import sys

import torch
import torchvision
from PIL import Image

from support import check
from synthgen.torch import CocoTargets, MixedDataset, SyntheticDataset, collate

FRAMES = 6


def same_samples(a, b):
    if len(a) != len(b):
        return False
    for (ia, ta), (ib, tb) in zip(a, b):
        if not torch.equal(ia, ib) or ta.keys() != tb.keys():
            return False
        if not all(torch.equal(ta[k], tb[k]) for k in ta):
            return False
    return True


def loader_samples(ds, workers):
    loader = torch.utils.data.DataLoader(ds, batch_size=2, num_workers=workers, collate_fn=collate)
    return [(img, tgt) for images, targets in loader for img, tgt in zip(images, targets)]


class CocoFolder(torch.utils.data.Dataset):
    """What torchvision's CocoDetection returns ((PIL image, [annotations])), read without
    pycocotools, which Debian 12 does not package."""

    def __init__(self, root, annotation_file):
        coco = json.load(open(annotation_file))
        self.root, self.images = root, coco["images"]
        self.categories = coco["categories"]
        self.annotations = {im["id"]: [a for a in coco["annotations"] if a["image_id"] == im["id"]] for im in self.images}

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        im = self.images[i]
        return Image.open(os.path.join(self.root, im["file_name"])).convert("RGB"), self.annotations[im["id"]]


def train_step(model, images, targets):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    losses = model(images, targets)
    loss = sum(losses.values())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print({k: round(float(v), 4) for k, v in losses.items()})
    return losses, loss


def main(binary, scenario, work):
    torch.manual_seed(0)
    ds = SyntheticDataset(scenario, frames=FRAMES, seed=5)
    single = [ds[i] for i in range(FRAMES)]  # opens a device here, before the workers fork
    image, target = single[0]
    check(image.shape == (3, 120, 160) and image.dtype == torch.float32 and 0 <= image.min() and image.max() <= 1, "image")
    check(target["boxes"].shape[1] == 4 and (target["boxes"][:, 2:] > target["boxes"][:, :2]).all(), "boxes xyxy")
    check(target["masks"].shape == (len(target["labels"]), 120, 160), "masks")
    check(all(int(target["masks"][k].sum()) == int(target["area"][k]) for k in range(len(target["labels"]))), "mask areas")

    # Workers: the same samples in any worker count (each worker opens its own device).
    for workers in (2, 3):
        check(same_samples(loader_samples(ds, workers), single), f"{workers} workers differ from one process")

    # Training steps on a batch: Faster R-CNN (boxes) and Mask R-CNN (boxes + masks).
    num_classes = len(ds.categories) + 1
    images, targets = collate(single[:2])
    small = dict(min_size=120, max_size=160)
    detector = torchvision.models.detection.fasterrcnn_mobilenet_v3_large_fpn(
        weights=None, weights_backbone=None, num_classes=num_classes, **small)
    losses, loss = train_step(detector, images, targets)
    check(math.isfinite(float(loss)) and float(loss) > 0, f"Faster R-CNN loss {loss}")
    masker = torchvision.models.detection.maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=num_classes,
                                                                **small)
    losses, loss = train_step(masker, images, targets)
    check("loss_mask" in losses and math.isfinite(float(losses["loss_mask"])) and math.isfinite(float(loss)), f"Mask R-CNN {losses}")

    # A real COCO set (here written by the CLI with other category ids) mixed in by category name.
    out = os.path.join(work, "real")
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([binary, "generate", scenario, "--out", out, "--frames", "4", "--seed", "99", "--formats", "coco", "--quiet"],
                   check=True)
    coco = json.load(open(os.path.join(out, "coco", "annotations.json")))
    shift = {c["id"]: c["id"] + 100 for c in coco["categories"]}
    for c in coco["categories"]:
        c["id"] = shift[c["id"]]
    for a in coco["annotations"]:
        a["category_id"] = shift[a["category_id"]]
    json.dump(coco, open(os.path.join(out, "renumbered.json"), "w"))
    folder = CocoFolder(out, os.path.join(out, "renumbered.json"))
    real = CocoTargets(folder, ds.categories, real_categories=folder.categories)
    names = {c["id"]: c["name"] for c in ds.categories}
    real_names = {c["id"]: c["name"] for c in folder.categories}
    _, anns = folder[0]
    check([names[int(l)] for l in real[0][1]["labels"]] == [real_names[a["category_id"]] for a in anns], "labels mapped by name")
    try:
        CocoTargets(folder, [c for c in ds.categories if c["name"] != "cube"], real_categories=folder.categories)
        raise AssertionError("a real category without a synthetic namesake was accepted")
    except ValueError as e:
        check("cube" in str(e), str(e))

    mixed = MixedDataset(real, ds, synthetic_share=0.5, seed=3)
    check(len(mixed) == 8, f"length {len(mixed)}")
    sources = [mixed.source(i) for i in range(len(mixed))]
    check(sum(kind == "synthetic" for kind, _ in sources) == 4, "exactly half synthetic")
    check(sorted(i for kind, i in sources if kind == "real") == [0, 1, 2, 3], "every real item once per epoch")
    check(sources == [MixedDataset(real, ds, 0.5, seed=3).source(i) for i in range(8)], "same seed, same mix")
    mixed.set_epoch(1)
    check([mixed.source(i) for i in range(8)] != sources, "another epoch, another mix")
    single_mixed = [mixed[i] for i in range(len(mixed))]
    check(same_samples(loader_samples(mixed, 2), single_mixed), "mixed: 2 workers differ from one process")
    print("ok: workers, training steps and mixing")


if __name__ == "__main__":
    main(*sys.argv[1:4])
