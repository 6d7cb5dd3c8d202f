"""Train a torchvision detector on frames streamed from synthgen (nothing is written to disk).

  PYTHONPATH=build/python /usr/bin/python3 examples/python/train_detector.py [--steps N] [--masks]

Each DataLoader worker renders its own frames on its own Vulkan device; frame i is frame i of
`synthgen generate examples/scenarios/tabletop.json --frames 10000 --width 320 --height 240`.
"""

import argparse
import math

import torch
import torchvision

from synthgen.torch import SyntheticDataset, collate

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, default=2)
parser.add_argument("--masks", action="store_true", help="Mask R-CNN (boxes + masks) instead of Faster R-CNN")
args = parser.parse_args()

dataset = SyntheticDataset("examples/scenarios/tabletop.json", frames=10000, seed=1, width=320, height=240)
loader = torch.utils.data.DataLoader(dataset, batch_size=2, shuffle=True, num_workers=2, collate_fn=collate)

num_classes = len(dataset.categories) + 1  # + background
detection = torchvision.models.detection
if args.masks:
    model = detection.maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=num_classes,
                                            min_size=240, max_size=320)
else:
    model = detection.fasterrcnn_mobilenet_v3_large_fpn(weights=None, weights_backbone=None, num_classes=num_classes,
                                                        min_size=240, max_size=320)
optimizer = torch.optim.SGD(model.parameters(), lr=0.005, momentum=0.9)

model.train()
for step, (images, targets) in enumerate(loader):
    losses = model(images, targets)  # targets: boxes (xyxy), labels, masks, ... per image
    loss = sum(losses.values())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item():.3f} ({', '.join(f'{k} {v.item():.3f}' for k, v in losses.items())})")
    assert math.isfinite(loss.item())
    if step + 1 == args.steps:
        break
