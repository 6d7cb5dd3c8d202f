"""synthgen from Python: rendered, pixel-exactly labeled frames as NumPy arrays.

    import synthgen
    gen = synthgen.Generator("examples/scenarios/tabletop.json", seed=7, frames=1000)
    f = gen.frame(3)          # == frame 3 of `synthgen generate ... --seed 7 --frames 1000`
    f.rgb                     # (H, W, 3) uint8; f.instance_ids (H, W) uint32; f.depth (H, W) float32 m
    for inst in f.instances:  # Instance: category, box (x0, y0, x1, y1), rle, keypoints, pose, ...
        print(inst.category, inst.box, f.mask(inst).sum())

    ds = synthgen.load("ds")  # a dataset `synthgen generate` wrote, as the same Frame objects

docs/python.md has the whole API and a PyTorch training example (synthgen.torch).
"""

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from ._native import InputError  # bad input: message names file, JSON path and fix; .file, .json_path
from . import _native

__all__ = ["Generator", "Frame", "Instance", "Keypoint", "InputError", "load"]


@dataclass
class Keypoint:
    name: str
    x: float  # OpenCV pixel coordinates: pixel centers at integers (docs/conventions.md)
    y: float
    depth: float  # camera-frame Z, metres (0 when read back from COCO, which does not store it)
    state: str  # "visible", "hidden" (in the frame, occluded) or "outside" (outside the frame)


@dataclass
class Instance:
    id: int  # instance id: the value of this object's pixels in Frame.instance_ids
    category: Optional[str]  # category name (path such as "tools/wrench")
    category_id: int  # the id label files carry (COCO category_id)
    box: Tuple[int, int, int, int]  # x0, y0, x1, y1 on pixel edges: columns x0..x1-1 are covered
    area: int  # visible pixels
    rle: Dict[str, Any]  # COCO compressed RLE of the visible mask: {"size": (H, W), "counts": str}
    name: str = ""  # object name
    object_index: int = -1
    attributes: Dict[str, Any] = field(default_factory=dict)
    parent: Optional[int] = None  # defects: the instance id of the part they are on
    track_id: Optional[int] = None
    amodal_box: Optional[Tuple[int, int, int, int]] = None
    amodal_area: Optional[int] = None
    visible_fraction: Optional[float] = None
    truncation: Optional[float] = None
    truncated: Optional[bool] = None
    pose: Optional[Dict[str, Any]] = None  # p_camera = R (scale * p_model) + t; R rows, metres
    box3d_camera: Optional[List[List[float]]] = None
    box3d_pixels: Optional[List[Tuple[float, float]]] = None
    box3d_in_front: Optional[bool] = None
    keypoints: List[Keypoint] = field(default_factory=list)

    @staticmethod
    def _from_native(d: Dict[str, Any]) -> "Instance":
        d = dict(d)
        d["keypoints"] = [Keypoint(**k) for k in d["keypoints"]]
        return Instance(**d)


@dataclass
class Frame:
    index: int
    rgb: np.ndarray  # (H, W, 3) uint8, sRGB
    instance_ids: np.ndarray  # (H, W) uint32; 0 = background, object i -> i + 1
    depth: np.ndarray  # (H, W) float32 planar Z in metres; 0 = nothing hit
    semantic: np.ndarray  # (H, W) uint16 category ids; 0 = background
    instances: List[Instance]  # labeled instances, by instance id
    normals: Optional[np.ndarray] = None  # (H, W, 3) float32 OpenCV camera frame; None when off
    defect_ids: Optional[np.ndarray] = None  # (H, W) uint32 defect instance ids; None without defects
    camera: Dict[str, float] = field(default_factory=dict)  # fx, fy, cx, cy, width, height
    sampled: Any = None  # every value sampled for this frame (frames.jsonl)

    def mask(self, instance: Instance) -> np.ndarray:
        """(H, W) bool visible mask of one instance (a defect's from defect_ids)."""
        ids = self.defect_ids if instance.parent is not None and self.defect_ids is not None else self.instance_ids
        return ids == instance.id

    def masks(self, out: Optional[np.ndarray] = None) -> np.ndarray:
        """(N, H, W) uint8 visible masks, one per instance, in self.instances order (into `out`,
        zeroed, when given)."""
        h, w = self.instance_ids.shape
        if out is None:
            out = np.zeros((len(self.instances), h, w), dtype=np.uint8)
        for k, inst in enumerate(self.instances):
            # Every pixel of an instance lies in its box: compare there only.
            x0, y0, x1, y1 = inst.box
            ids = self.defect_ids if inst.parent is not None and self.defect_ids is not None else self.instance_ids
            np.equal(ids[y0:y1, x0:x1], inst.id, out=out[k, y0:y1, x0:x1], casting="unsafe")
        return out


class Generator:
    """Frames of a scenario: frame(i) equals frame i of `synthgen generate` with the same scenario,
    seed, frames, width and height (byte for byte; single frames, not --sequence-length).

    scenario: a scenario file, a scene file (JSON or glTF), a dict with a scenario's JSON
    content (relative paths in it resolve against base_dir, default the working directory), or
    None for the built-in demo scenario (as `synthgen generate` without a file).
    frames: the dataset size, as `generate --frames` (rare-case frequencies are exact over it).
    device: Vulkan device index or name substring ("" = best). The device opens on the first frame,
    in the process that asks, so a Generator made before DataLoader workers fork is safe.
    """

    def __init__(self, scenario, seed: int = 0, width: int = 0, height: int = 0, device: str = "",
                 frames: int = 50, normals: bool = True, amodal: bool = False, base_dir=None):
        if scenario is None:
            text, json_name = _native.builtin_demo_json(), "<built-in demo>"
        elif isinstance(scenario, dict):
            text, json_name = json.dumps(scenario), "<dict>"
        elif isinstance(scenario, (str, os.PathLike)):
            text, json_name = os.fspath(scenario), ""
        else:
            raise TypeError("scenario must be a file path, a dict or None (the built-in demo), got " + type(scenario).__name__)
        self._native = _native.Generator(text, json_name, os.fspath(base_dir or os.getcwd()), int(seed), int(width),
                                         int(height), str(device), int(frames), bool(normals), bool(amodal))
        self.seed = int(seed)

    def frame(self, index: int) -> Frame:
        d = self._native.frame(int(index))
        d["instances"] = [Instance._from_native(i) for i in d["instances"]]
        return Frame(**d)

    def __len__(self) -> int:
        return self._native.frames

    def __getitem__(self, index: int) -> Frame:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.frame(index % len(self))

    @property
    def categories(self) -> List[Dict[str, Any]]:
        """[{"id", "name", "supercategory", "keypoints", "skeleton"}], ids 1..N."""
        return self._native.categories()

    @property
    def width(self) -> int:
        return self._native.width

    @property
    def height(self) -> int:
        return self._native.height

    def device_name(self) -> str:
        return self._native.device_name()


from ._dataset import load, Dataset  # noqa: E402  (needs the classes above)

__all__ += ["Dataset"]
