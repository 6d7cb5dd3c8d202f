#include "exporters/Rle.h"

#include <algorithm>
#include <stdexcept>

namespace sg {

namespace {

// One instance's RLE from a column-major walk over its box; pixel p = x * H + y.
Rle instanceRle(const ImageU32& ids, uint32_t id, const PixelBox& box) {
    const int W = ids.width, H = ids.height;
    const int64_t N = int64_t(W) * H;
    Rle r;
    r.height = H;
    r.width = W;
    int64_t last = -1, runStart = -1;  // last pixel of the instance seen, start of its current run
    const int x0 = std::max(box.x0, 0), x1 = std::min(box.x1, W), y0 = std::max(box.y0, 0), y1 = std::min(box.y1, H);
    for (int x = x0; x < x1; ++x) {
        const uint32_t* column = ids.pixels.data() + x;
        for (int y = y0; y < y1; ++y) {
            if (column[size_t(y) * size_t(W)] != id) continue;
            int64_t p = int64_t(x) * H + y;
            if (runStart >= 0 && last == p - 1) {
                last = p;
                continue;
            }
            if (runStart < 0) {
                r.counts.push_back(uint32_t(p));  // leading 0s
            } else {
                r.counts.push_back(uint32_t(last - runStart + 1));
                r.counts.push_back(uint32_t(p - last - 1));
            }
            runStart = last = p;
        }
    }
    if (runStart < 0) {
        r.counts.push_back(uint32_t(N));
        return r;
    }
    r.counts.push_back(uint32_t(last - runStart + 1));
    if (last + 1 < N) r.counts.push_back(uint32_t(N - last - 1));
    return r;
}

}  // namespace

std::vector<Rle> encodeRleByInstance(const ImageU32& ids, const std::vector<uint32_t>& instanceIds,
                                     const std::vector<PixelBox>& boxes) {
    if (boxes.size() != instanceIds.size()) throw std::invalid_argument("encodeRleByInstance: one box per instance expected");
    std::vector<Rle> out;
    out.reserve(instanceIds.size());
    for (size_t k = 0; k < instanceIds.size(); ++k) out.push_back(instanceRle(ids, instanceIds[k], boxes[k]));
    return out;
}

std::vector<Rle> encodeRleByInstance(const ImageU32& ids, const std::vector<uint32_t>& instanceIds) {
    // Boxes first, in one row-major pass.
    uint32_t maxId = 0;
    for (uint32_t id : instanceIds) maxId = std::max(maxId, id);
    std::vector<PixelBox> byId(size_t(maxId) + 1, PixelBox{ids.width, ids.height, 0, 0});
    for (int y = 0; y < ids.height; ++y) {
        const uint32_t* row = ids.pixels.data() + size_t(y) * size_t(ids.width);
        for (int x = 0; x < ids.width; ++x) {
            if (row[x] > maxId) continue;
            PixelBox& b = byId[row[x]];
            b.x0 = std::min(b.x0, x), b.y0 = std::min(b.y0, y), b.x1 = std::max(b.x1, x + 1), b.y1 = std::max(b.y1, y + 1);
        }
    }
    std::vector<PixelBox> boxes;
    for (uint32_t id : instanceIds) boxes.push_back(byId[id]);
    return encodeRleByInstance(ids, instanceIds, boxes);
}

Rle encodeRle(const ImageU8& mask) {
    Rle r;
    r.height = mask.height;
    r.width = mask.width;
    uint8_t current = 0;
    uint32_t run = 0;
    for (int x = 0; x < mask.width; ++x)
        for (int y = 0; y < mask.height; ++y) {
            uint8_t v = mask.at(x, y) ? 1 : 0;
            if (v != current) {
                r.counts.push_back(run);
                run = 0;
                current = v;
            }
            ++run;
        }
    r.counts.push_back(run);
    return r;
}

std::string rleToString(const Rle& rle) {
    std::string s;
    s.reserve(rle.counts.size() * 2);
    for (size_t i = 0; i < rle.counts.size(); ++i) {
        long x = long(rle.counts[i]);
        if (i > 2) x -= long(rle.counts[i - 2]);
        bool more = true;
        while (more) {
            char c = char(x & 0x1f);
            x >>= 5;  // arithmetic shift, as in maskApi.c
            more = (c & 0x10) ? x != -1 : x != 0;
            if (more) c |= 0x20;
            c += 48;
            s.push_back(c);
        }
    }
    return s;
}

}  // namespace sg
