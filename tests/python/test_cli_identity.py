"""gen.frame(i) equals frame i of `synthgen generate` with the same scenario and seed: its PNG files
(decoded by Pillow, not by synthgen) byte for byte, and its COCO entries. synthgen.load() reads the
same dataset back into the same objects.

usage: test_cli_identity.py SYNTHGEN_BINARY SCENARIO WORK_DIR
"""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image

import synthgen
from support import decode_rle, check

FRAMES, SEED = 6, 11


def png(path):
    with Image.open(path) as im:
        return np.array(im)


def depth_mm(depth_m):
    # docs/formats.md: depth/ is uint16 planar depth in millimetres, rounded to nearest, 0 = no hit
    # or beyond 65.535 m.
    v = depth_m.astype(np.float64) * 1000.0
    return np.where((v >= 0.5) & (v < 65535.5), np.floor(v + 0.5), 0).astype(np.uint16)


def coco_keypoints(inst, category):
    # docs/formats.md: COCO keypoints follow the category's list, on pixel edges (center + 0.5),
    # v = 2 visible, 1 hidden, 0 outside (0, 0, 0).
    by_name = {k.name: k for k in inst.keypoints}
    out = []
    for name in category["keypoints"]:
        k = by_name.get(name)
        v = {"visible": 2, "hidden": 1}.get(k.state, 0) if k else 0
        out += [k.x + 0.5, k.y + 0.5, v] if v else [0, 0, 0]
    return out


def main(binary, scenario, work):
    out = os.path.join(work, "cli")
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([binary, "generate", scenario, "--out", out, "--frames", str(FRAMES), "--seed", str(SEED),
                    "--formats", "coco", "--quiet"], check=True)
    coco = json.load(open(os.path.join(out, "coco", "annotations.json")))
    categories = {c["id"]: c for c in coco["categories"]}

    gen = synthgen.Generator(scenario, seed=SEED, frames=FRAMES)
    check([c["name"] for c in gen.categories] == [c["name"] for c in coco["categories"]], "categories differ")
    loaded = synthgen.load(out)
    check(len(loaded) == FRAMES, f"load() found {len(loaded)} frames")
    seen = {"instances": 0, "keypoints": 0, "visible_keypoints": 0, "attributes": 0, "distorted": 0}
    for i in range(FRAMES):
        f = gen.frame(i)
        stem = f"{i:06d}"
        check(f.rgb.dtype == np.uint8 and f.rgb.shape == (gen.height, gen.width, 3), "rgb shape/type")
        check(np.array_equal(f.rgb, png(os.path.join(out, "images", stem + ".png"))), f"frame {i}: RGB differs")
        check(np.array_equal(np.minimum(f.instance_ids, 65535).astype(np.uint16), png(os.path.join(out, "instance", stem + ".png"))),
              f"frame {i}: instance ids differ")
        check(np.array_equal(depth_mm(f.depth), png(os.path.join(out, "depth", stem + ".png"))), f"frame {i}: depth differs")
        check(np.array_equal(f.semantic, png(os.path.join(out, "semantic", stem + ".png")).astype(np.uint16)),
              f"frame {i}: semantic ids differ")
        check(f.normals is not None and f.normals.shape == (gen.height, gen.width, 3), "normals missing")
        seen["distorted"] += f.sampled["camera"]["distortion"][0] != 0

        anns = [a for a in coco["annotations"] if a["image_id"] == i + 1]
        check(len(anns) == len(f.instances), f"frame {i}: {len(f.instances)} instances, COCO has {len(anns)}")
        for inst, a in zip(f.instances, anns):
            where = f"frame {i} instance {inst.id}"
            x0, y0, x1, y1 = inst.box
            check(a["instance_id"] == inst.id, where + ": id")
            check(a["bbox"] == [x0, y0, x1 - x0, y1 - y0], where + f": box {inst.box} vs COCO {a['bbox']}")
            check(a["category_id"] == inst.category_id and categories[a["category_id"]]["name"] == inst.category, where + ": category")
            check(a["area"] == inst.area, where + ": area")
            check(a["segmentation"]["counts"] == inst.rle["counts"] and a["segmentation"]["size"] == list(inst.rle["size"]), where + ": rle")
            check(a["object_name"] == inst.name and a["attributes"] == inst.attributes, where + ": name/attributes")
            check(a["pose"]["R"] == [x for row in inst.pose["R"] for x in row] and a["pose"]["t"] == inst.pose["t"], where + ": pose")
            check(a["amodal_bbox"] == [inst.amodal_box[0], inst.amodal_box[1], inst.amodal_box[2] - inst.amodal_box[0],
                                       inst.amodal_box[3] - inst.amodal_box[1]], where + ": amodal box")
            check(a["visib_fract"] == inst.visible_fraction and a["truncation"] == inst.truncation, where + ": fractions")
            if categories[a["category_id"]].get("keypoints"):
                check(a["keypoints"] == coco_keypoints(inst, categories[a["category_id"]]), where + ": keypoints")
                seen["keypoints"] += 1
                seen["visible_keypoints"] += sum(k.state == "visible" for k in inst.keypoints)
            # The mask, decoded from COCO's RLE by a decoder written from its spec, is the instance's pixels.
            mask = decode_rle(a["segmentation"]["counts"], *a["segmentation"]["size"])
            check(np.array_equal(mask, f.mask(inst)), where + ": RLE mask is not the instance's pixels")
            check(int(mask.sum()) == inst.area, where + ": area is not the mask's pixel count")
            seen["instances"] += 1
            seen["attributes"] += bool(inst.attributes)

        # load(): the files read back into the same objects.
        g = loaded[i]
        check(g.index == i and np.array_equal(g.rgb, f.rgb) and np.array_equal(g.instance_ids, np.minimum(f.instance_ids, 65535)),
              f"load() frame {i}: images differ")
        check(np.array_equal(g.semantic, f.semantic), f"load() frame {i}: semantic differs")
        check(np.array_equal(np.round(g.depth * 1000).astype(np.uint16), depth_mm(f.depth)), f"load() frame {i}: depth differs")
        check([(x.id, x.category, x.box, x.area, x.rle["counts"], x.attributes) for x in g.instances] ==
              [(x.id, x.category, x.box, x.area, x.rle["counts"], x.attributes) for x in f.instances], f"load() frame {i}: labels differ")
        check(g.sampled == f.sampled, f"load() frame {i}: sampled values differ")

    # The comparison covered what it claims to: instances, keypoints, attributes, distortion.
    print(seen)
    check(seen["instances"] >= 5 * FRAMES and seen["keypoints"] > 0 and seen["visible_keypoints"] > 0, f"too little covered: {seen}")
    check(seen["attributes"] > 0 and seen["distorted"] > 0, f"too little covered: {seen}")
    print(f"ok: {FRAMES} frames equal the CLI's files and COCO entries; load() reads them back")


if __name__ == "__main__":
    main(*sys.argv[1:4])
