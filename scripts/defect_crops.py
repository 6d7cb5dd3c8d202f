#!/usr/bin/env python3
"""Montage of defect crops with their mask outlines from a synthgen COCO dataset (RLE masks, PNG
images), for the README. Standard library only.

Usage: python3 scripts/defect_crops.py DATASET OUT.png [--per-family N] [--size PX]"""
import argparse
import json
import os
import struct
import zlib


def read_png_rgb(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color == 2, "8-bit RGB expected"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, bpp = zlib.decompress(idat), width * 3, 3
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, rows


def write_png_rgb(path, width, height, rows):
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def rle_mask(seg):
    """pycocotools rleFrString, then column-major runs starting with zeros."""
    h, w = seg["size"]
    s, counts, p = seg["counts"], [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    mask, at, value = set(), 0, 0
    for n in counts:
        if value:
            for i in range(at, at + n):
                mask.add((i // h, i % h))  # (x, y)
        at += n
        value ^= 1
    return mask


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("out")
    ap.add_argument("--per-family", type=int, default=3)
    ap.add_argument("--size", type=int, default=160)
    a = ap.parse_args()
    coco = json.load(open(os.path.join(a.dataset, "coco/annotations.json")))
    names = {c["id"]: c["name"] for c in coco["categories"]}
    files = {i["id"]: i["file_name"] for i in coco["images"]}
    families = ["defect/scratch", "defect/crack", "defect/dent", "defect/stain", "defect/pitting",
                "defect/contamination/dust", "defect/contamination/fiber", "defect/chip"]
    picked = {f: [] for f in families}
    for ann in sorted(coco["annotations"], key=lambda x: -x["area"]):
        f = names[ann["category_id"]]
        if f in picked and len(picked[f]) < a.per_family:
            picked[f].append(ann)
    S, pad = a.size, 4
    W, H = a.per_family * (S + pad) + pad, len(families) * (S + pad) + pad
    canvas = [bytearray(b"\x20" * (W * 3)) for _ in range(H)]
    cache = {}
    for row, f in enumerate(families):
        for col, ann in enumerate(picked[f]):
            path = os.path.join(a.dataset, files[ann["image_id"]])
            if path not in cache:
                cache = {path: read_png_rgb(path)}
            w, h, rows = cache[path]
            mask = rle_mask(ann["segmentation"])
            x, y, bw, bh = ann["bbox"]
            side = max(bw, bh) + 16  # square crop around the box, scaled to S (nearest)
            cx, cy = x + bw / 2, y + bh / 2
            x0, y0 = int(cx - side / 2), int(cy - side / 2)
            for v in range(S):
                for u in range(S):
                    sx, sy = x0 + u * side // S, y0 + v * side // S
                    px = (0, 0, 0)
                    if 0 <= sx < w and 0 <= sy < h:
                        inside = (sx, sy) in mask
                        edge = inside and any((sx + dx, sy + dy) not in mask for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
                        px = (255, 40, 200) if edge else tuple(rows[sy][3 * sx:3 * sx + 3])
                    X, Y = pad + col * (S + pad) + u, pad + row * (S + pad) + v
                    canvas[Y][3 * X:3 * X + 3] = bytes(px)
    write_png_rgb(a.out, W, H, canvas)
    print("rows:", ", ".join("%s (%d)" % (f, len(picked[f])) for f in families))


if __name__ == "__main__":
    main()
