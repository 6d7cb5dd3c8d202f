"""Helpers of the Python tests, written from the specifications, not from synthgen's code."""

import numpy as np


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def decode_rle(counts: str, height: int, width: int) -> np.ndarray:
    """COCO compressed RLE -> (H, W) bool mask. From the format's definition (pycocotools maskApi.c
    rleFrString): 5 bits per character + 48, a continuation bit 0x20, sign-extended; from the third
    count on, each is stored as the difference to the count two before. Runs alternate 0s and 1s,
    starting with 0s, down each column, columns left to right."""
    runs, p = [], 0
    while p < len(counts):
        x, k, more = 0, 0, True
        while more:
            c = ord(counts[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(runs) > 2:
            x += runs[-2]
        runs.append(x)
    flat = np.zeros(height * width, dtype=bool)
    pos, value = 0, False
    for r in runs:
        flat[pos:pos + r] = value
        pos += r
        value = not value
    return flat.reshape(width, height).T
