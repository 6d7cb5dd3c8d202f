"""synthgen frames as a PyTorch dataset, in torchvision's detection format.

    from synthgen.torch import SyntheticDataset, collate
    ds = SyntheticDataset("examples/scenarios/tabletop.json", frames=10000, seed=1)
    loader = torch.utils.data.DataLoader(ds, batch_size=4, num_workers=2, collate_fn=collate)
    for images, targets in loader:   # images: [3, H, W] float in 0..1; targets: boxes, labels, masks, ...
        loss = sum(model(images, targets).values())

Map-style: index = frame index, so DataLoader workers split the frames without coordinating, and
any worker count yields the same samples. Each worker process opens its own Vulkan device on its
first frame. MixedDataset mixes synthetic frames into a real dataset at a set share, the same for a
given seed and epoch in every worker.
"""

import ctypes
import mmap
import os
import sys
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.utils.data

from . import Frame, Generator, _native

__all__ = ["SyntheticDataset", "MixedDataset", "CocoTargets", "frame_to_target", "collate"]

_MADV_POPULATE_WRITE = 23  # <linux/mman.h>


def _load_madvise():
    if not sys.platform.startswith("linux"):
        return None
    madvise = ctypes.CDLL(None, use_errno=True).madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    return madvise


_madvise = _load_madvise()


# Generators inherited from a parent process through fork: their Vulkan device belongs to the
# parent, so the child must neither use nor destroy them (worker processes end with os._exit).
_inherited: List[Generator] = []


def _populate(address: int, size: int) -> None:
    """Maps the pages of [address, address + size) of fresh memory in one call (Linux
    MADV_POPULATE_WRITE, kernel 5.14+) instead of one page fault per 4 KiB while they are written:
    on the 2-core build machine that halves the cost of a frame's megabytes of new shared memory.
    Without the call (older kernels, other systems) the pages fault in as usual."""
    if _madvise is None or size <= 0:
        return
    start = address & ~(mmap.PAGESIZE - 1)
    _madvise(start, address + size - start, _MADV_POPULATE_WRITE)


def _new_tensor(shape, dtype, populate: bool = True) -> Tuple[torch.Tensor, bool]:
    """(a zeroed tensor, whether it is fresh shared memory). In a DataLoader worker the tensor is in
    shared memory from the start, so handing it to the main process copies nothing (frames are
    megabytes: masks alone N x H x W bytes); `populate` maps all its pages at once."""
    if torch.utils.data.get_worker_info() is None:
        return torch.zeros(shape, dtype=dtype), False
    count = int(np.prod(shape))
    storage = {torch.uint8: torch.ByteStorage, torch.float32: torch.FloatStorage}[dtype]._new_shared(count)
    tensor = torch.tensor([], dtype=dtype).set_(storage).view(shape)  # fresh shared memory is zeroed
    if populate:
        _populate(tensor.data_ptr(), tensor.numel() * tensor.element_size())
    return tensor, True


def _new_masks(frame: Frame) -> torch.Tensor:
    """frame.masks() as an [N, H, W] uint8 tensor. In shared memory only the rows of each
    instance's box are mapped and written: the rest of a mask stays zero without ever being
    touched (most of an N x H x W mask stack lies outside its boxes)."""
    h, w = frame.instance_ids.shape
    masks, shared = _new_tensor((len(frame.instances), h, w), torch.uint8, populate=False)
    if shared:
        for k, inst in enumerate(frame.instances):
            _populate(masks.data_ptr() + (k * h + inst.box[1]) * w, (inst.box[3] - inst.box[1]) * w)
    frame.masks(out=masks.numpy())
    return masks


def frame_to_target(frame: Frame, keypoints: bool = True, masks: bool = True) -> Tuple[torch.Tensor, Dict[str, torch.Tensor]]:
    """(image [3, H, W] float32 in 0..1, target) in torchvision's detection format: boxes [N, 4]
    float32 x0, y0, x1, y1 on pixel edges, labels [N] int64 category ids, masks [N, H, W] uint8,
    keypoints [N, K, 3] (x, y on pixel edges as boxes, visibility 0/1/2 as COCO) when every
    instance's category has the same K > 0 keypoints, image_id, area, iscrowd."""
    h, w = frame.instance_ids.shape
    n = len(frame.instances)
    # Channels first, as float x / 255, written once into the tensor's storage.
    image, _ = _new_tensor((3, h, w), torch.float32)
    np.divide(frame.rgb.transpose(2, 0, 1), np.float32(255), out=image.numpy(), dtype=np.float32)
    target: Dict[str, torch.Tensor] = {
        "boxes": torch.tensor([inst.box for inst in frame.instances], dtype=torch.float32).reshape(n, 4),
        "labels": torch.tensor([inst.category_id for inst in frame.instances], dtype=torch.int64),
        "image_id": torch.tensor([frame.index]),
        "area": torch.tensor([inst.area for inst in frame.instances], dtype=torch.float32),
        "iscrowd": torch.zeros(n, dtype=torch.int64),
    }
    if masks:
        target["masks"] = _new_masks(frame)
    counts = {len(inst.keypoints) for inst in frame.instances}
    if keypoints and len(counts) == 1 and 0 not in counts:
        visibility = {"visible": 2, "hidden": 1, "outside": 0}
        kps = [[(k.x + 0.5, k.y + 0.5, visibility[k.state]) if k.state != "outside" else (0.0, 0.0, 0)
                for k in inst.keypoints] for inst in frame.instances]
        target["keypoints"] = torch.tensor(kps, dtype=torch.float32)
    return image, target


class SyntheticDataset(torch.utils.data.Dataset):
    """Frames 0..frames-1 of a scenario (see synthgen.Generator for the arguments); item i is
    frame_to_target(Generator.frame(i)), so it equals frame i of `synthgen generate`."""

    def __init__(self, scenario, frames: int, seed: int = 0, width: int = 0, height: int = 0, device: str = "",
                 masks: bool = True, keypoints: bool = True, base_dir=None):
        self._args = dict(scenario=scenario, seed=seed, width=width, height=height, device=device, frames=frames,
                          normals=False, amodal=False, base_dir=base_dir or os.getcwd())
        self.masks, self.keypoints = masks, keypoints
        self._generator = Generator(**self._args)  # checks the scenario now; opens no device yet
        self._pid = os.getpid()
        self.categories = self._generator.categories

    def generator(self) -> Generator:
        """This process's generator (made on first use in a worker process)."""
        if self._pid != os.getpid():
            _inherited.append(self._generator)
            # A worker makes frames of one size over and over: freed memory stays for the next one
            # (app/KeepFreedMemory.h; a third less CPU per frame on the 2-core build machine).
            _native.keep_freed_memory_for_reuse()
            self._generator, self._pid = Generator(**self._args), os.getpid()
        return self._generator

    def __len__(self) -> int:
        return self._args["frames"]

    def __getitem__(self, index: int):
        if not 0 <= index < len(self):
            raise IndexError(index)
        return frame_to_target(self.generator().frame(index), keypoints=self.keypoints, masks=self.masks)

    def __getstate__(self):  # "spawn" workers get the arguments, never a device
        state = dict(self.__dict__)
        state["_generator"], state["_pid"] = None, None
        return state


class CocoTargets(torch.utils.data.Dataset):
    """A real COCO-style dataset (torchvision CocoDetection or anything returning (PIL image,
    [COCO annotation dicts])) in the same format as SyntheticDataset, categories mapped by name onto
    `categories` (SyntheticDataset.categories). A real category without a synthetic namesake is an
    error naming it, never a silently wrong label. `real_categories`: the real set's
    [{"id", "name"}] (default: dataset.coco.cats of a CocoDetection)."""

    def __init__(self, dataset, categories: Sequence[Dict[str, Any]], real_categories=None):
        self.dataset = dataset
        real = real_categories if real_categories is not None else list(dataset.coco.cats.values())
        ours = {c["name"]: c["id"] for c in categories}
        missing = sorted(c["name"] for c in real if c["name"] not in ours)
        if missing:
            raise ValueError("real categories without a synthetic category of the same name: " + ", ".join(missing) +
                             ". Fix: add them to the scenario's categories or drop them from the real set")
        self.label_of = {c["id"]: ours[c["name"]] for c in real}

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int):
        pil, annotations = self.dataset[index]
        image = torch.from_numpy(np.array(pil.convert("RGB"))).permute(2, 0, 1).float().div_(255)
        boxes = [(x, y, x + w, y + h) for x, y, w, h in (a["bbox"] for a in annotations)]
        n = len(annotations)
        return image, {
            "boxes": torch.tensor(boxes, dtype=torch.float32).reshape(n, 4),
            "labels": torch.tensor([self.label_of[a["category_id"]] for a in annotations], dtype=torch.int64),
            "image_id": torch.tensor([index]),
            "area": torch.tensor([a.get("area", 0) for a in annotations], dtype=torch.float32),
            "iscrowd": torch.tensor([a.get("iscrowd", 0) for a in annotations], dtype=torch.int64),
        }


class MixedDataset(torch.utils.data.Dataset):
    """A real dataset with synthetic frames mixed in: `synthetic_share` of the items are synthetic.

    Length: `length`, default len(real) / (1 - synthetic_share), so an epoch shows every real item
    once. Which items are synthetic, the real order, and which synthetic frames appear are drawn
    from (seed, epoch): every worker computes the same mix. Call set_epoch(e) before each epoch (as
    with DistributedSampler); each epoch shows new synthetic frames."""

    def __init__(self, real, synthetic, synthetic_share: float, seed: int = 0, length: Optional[int] = None):
        if not 0 <= synthetic_share < 1:
            raise ValueError(f"synthetic_share must be in [0, 1), got {synthetic_share}")
        self.real, self.synthetic, self.share, self.seed = real, synthetic, synthetic_share, seed
        self.length = length if length is not None else int(round(len(real) / (1 - synthetic_share)))
        self.set_epoch(0)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch
        rng = np.random.default_rng([self.seed, epoch])
        n_synthetic = int(round(self.share * self.length))
        is_synthetic = np.zeros(self.length, dtype=bool)
        is_synthetic[rng.permutation(self.length)[:n_synthetic]] = True
        real_order = rng.permutation(len(self.real)) if len(self.real) else np.zeros(0, dtype=np.int64)
        self._source: List[Tuple[str, int]] = []
        k_real = k_synthetic = 0
        for synthetic in is_synthetic:
            if synthetic:
                self._source.append(("synthetic", (epoch * n_synthetic + k_synthetic) % len(self.synthetic)))
                k_synthetic += 1
            else:
                self._source.append(("real", int(real_order[k_real % len(real_order)])))
                k_real += 1

    def source(self, index: int) -> Tuple[str, int]:
        """("synthetic" or "real", index into that dataset) of item `index` this epoch."""
        return self._source[index]

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int):
        kind, i = self._source[index]
        return (self.synthetic if kind == "synthetic" else self.real)[i]


def collate(batch):
    """DataLoader collate_fn for detection: (list of images, list of targets)."""
    return [b[0] for b in batch], [b[1] for b in batch]
