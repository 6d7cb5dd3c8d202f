"""synthgen.load: a dataset `synthgen generate` wrote, read back as Frame / Instance objects.

Reads manifest.json (where everything is), coco/annotations.json (labels; generate with the coco
format), the RGB, instance, semantic and depth images, and frames.jsonl (sampled values).
Depth comes from the 16-bit millimetre PNG, so it is rounded to millimetres; normals, defect ids
and projected 3D boxes are not in the files and stay None.
"""

import json
import os
from typing import Any, Dict, List

import numpy as np

from . import Frame, Instance, InputError, Keypoint


def _read_png(path: str) -> np.ndarray:
    from PIL import Image  # Debian python3-pil; only load() needs it

    with Image.open(path) as im:
        return np.array(im)


def _read_json(path: str, what: str, fix: str) -> Any:
    if not os.path.isfile(path):
        raise InputError(f"{path}: {what} not found. Fix: {fix}")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}). Fix: regenerate the dataset")


def _box(xywh) -> tuple:
    x, y, w, h = xywh
    return (x, y, x + w, y + h)


def _instance(a: Dict[str, Any], category: Dict[str, Any]) -> Instance:
    keypoints: List[Keypoint] = []
    triplets = a.get("keypoints", [])
    for k, name in enumerate(category.get("keypoints", [])):
        x, y, v = triplets[3 * k: 3 * k + 3]
        state = {2: "visible", 1: "hidden"}.get(v, "outside")
        # COCO keypoints are on pixel edges (center of column u = u + 0.5); ours on pixel centers.
        keypoints.append(Keypoint(name, x - 0.5 if v else 0.0, y - 0.5 if v else 0.0, 0.0, state))
    seg = a.get("segmentation")
    rle = {"size": tuple(seg["size"]), "counts": seg["counts"]} if isinstance(seg, dict) else None
    return Instance(id=a["instance_id"], category=category.get("name"), category_id=a["category_id"], box=_box(a["bbox"]),
                    area=a["area"], rle=rle, name=a.get("object_name", ""), attributes=a.get("attributes", {}),
                    parent=a.get("parent_instance_id"), track_id=a.get("track_id"),
                    amodal_box=_box(a["amodal_bbox"]) if "amodal_bbox" in a else None, amodal_area=a.get("amodal_area"),
                    visible_fraction=a.get("visib_fract"), truncation=a.get("truncation"), pose=a.get("pose"),
                    keypoints=keypoints)


class Dataset:
    """A synthgen dataset on disk: len(ds) frames, ds[i] -> Frame (frame index i of the dataset)."""

    def __init__(self, path):
        self.root = os.fspath(path)
        self.manifest = _read_json(os.path.join(self.root, "manifest.json"), "synthgen dataset manifest",
                                   "give the folder `synthgen generate --out` wrote")
        coco = _read_json(os.path.join(self.root, "coco", "annotations.json"), "COCO annotations",
                          "generate the dataset with --formats coco (labels are read from them)")
        self.categories = coco["categories"]
        by_id = {c["id"]: c for c in self.categories}
        self._images = {}  # frame index -> (image entry, [annotations])
        for image in coco["images"]:
            self._images[image["frame_index"]] = (image, [])
        frame_of_image = {image["id"]: image["frame_index"] for image in coco["images"]}
        for a in coco["annotations"]:
            self._images[frame_of_image[a["image_id"]]][1].append(a)
        self._category = by_id
        self._frames = sorted(self._images)
        self._sampled = {}
        jsonl = os.path.join(self.root, "frames.jsonl")
        if os.path.isfile(jsonl):
            with open(jsonl, encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    self._sampled[rec["frame"]] = rec["sampled"]

    def __len__(self) -> int:
        return len(self._frames)

    def __getitem__(self, i: int) -> Frame:
        frame = self._frames[i]
        image, annotations = self._images[frame]
        stem = os.path.splitext(os.path.basename(image["file_name"]))[0]
        rgb = _read_png(os.path.join(self.root, image["file_name"]))
        h, w = rgb.shape[:2]

        def optional(folder: str, dtype) -> np.ndarray:
            p = os.path.join(self.root, folder, stem + ".png")
            return _read_png(p).astype(dtype) if os.path.isfile(p) else None

        depth_mm = optional("depth", np.float32)
        return Frame(index=frame, rgb=rgb, instance_ids=optional("instance", np.uint32),
                     depth=None if depth_mm is None else depth_mm / np.float32(1000),
                     semantic=optional("semantic", np.uint16),
                     instances=[_instance(a, self._category.get(a["category_id"], {})) for a in annotations],
                     camera={"width": w, "height": h}, sampled=self._sampled.get(frame))


def load(path) -> Dataset:
    """Reads the synthgen dataset in folder `path` (as `synthgen generate --out path` wrote it)."""
    return Dataset(path)
