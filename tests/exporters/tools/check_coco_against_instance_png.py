#!/usr/bin/env python3
# Independent check of a generated dataset (standard library only: pycocotools and numpy are not
# available here): decodes every COCO RLE string (pycocotools rleFrString rules) and the 16-bit
# instance PNG (own PNG unfilter), and compares masks, bbox and area pixel by pixel.
# Usage: python3 check_coco_against_instance_png.py DATASET_DIR
import json, zlib, struct, sys
root = sys.argv[1]
def png16(path):
    b = open(path,'rb').read(); assert b[:8] == b'\x89PNG\r\n\x1a\n'
    p = 8; idat = b''; 
    while p < len(b):
        n, t = struct.unpack('>I4s', b[p:p+8]); d = b[p+8:p+8+n]; p += 12+n
        if t == b'IHDR': w,h,bd,ct = struct.unpack('>IIBB', d[:10])
        if t == b'IDAT': idat += d
    raw = zlib.decompress(idat); bpp = (bd//8) * {0:1,2:3,6:4}[ct]; stride = w*bpp
    rows = []; prev = bytearray(stride); i = 0
    for y in range(h):
        f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1+stride
        for x in range(stride):
            a = line[x-bpp] if x >= bpp else 0; up = prev[x]; c = prev[x-bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + up) & 255
            elif f == 3: line[x] = (line[x] + (a+up)//2) & 255
            elif f == 4:
                pa, pb, pc = abs(up-c), abs(a-c), abs(a+up-2*c)
                pr = a if pa <= pb and pa <= pc else (up if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(line); prev = line
    if bd == 16: return w, h, [[(r[2*x]<<8)|r[2*x+1] for x in range(w)] for r in rows]
    return w, h, [[r[x] for x in range(w)] for r in rows]
def frstring(s):
    cnts = []; p = 0
    while p < len(s):
        x = 0; k = 0; more = 1
        while more:
            c = ord(s[p]) - 48; x |= (c & 0x1f) << 5*k; more = c & 0x20; p += 1; k += 1
            if not more and (c & 0x10): x |= -1 << 5*k
        if len(cnts) > 2: x += cnts[-2]
        cnts.append(x)
    return cnts
coco = json.load(open(root + '/coco/annotations.json'))
imgs = {im['id']: im for im in coco['images']}
bad = 0; n = 0
cache = {}
for a in coco['annotations']:
    im = imgs[a['image_id']]; stem = im['file_name'].split('/')[-1].split('.')[0]
    if stem not in cache: cache[stem] = png16(root + '/instance/' + stem + '.png')
    w, h, ids = cache[stem]
    cnts = frstring(a['segmentation']['counts']); assert sum(cnts) == w*h
    m = set(); pos = 0; v = 0
    for c in cnts:
        if v: m.update(range(pos, pos+c))
        pos += c; v ^= 1
    truth = set(x*h + y for y in range(h) for x in range(w) if ids[y][x] == a['instance_id'])
    xs = [p // h for p in truth]; ys = [p % h for p in truth]
    box = [min(xs), min(ys), max(xs)-min(xs)+1, max(ys)-min(ys)+1]
    n += 1
    if m != truth or box != a['bbox'] or len(truth) != a['area']: bad += 1
print(n, 'annotations checked,', bad, 'mismatches')
