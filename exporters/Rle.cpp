#include "exporters/Rle.h"

#include <unordered_map>

namespace sg {

std::vector<Rle> encodeRleByInstance(const ImageU32& ids, const std::vector<uint32_t>& instanceIds) {
    const int W = ids.width, H = ids.height;
    const int64_t N = int64_t(W) * H;
    std::vector<Rle> out(instanceIds.size());
    uint32_t maxId = 0;
    for (uint32_t id : instanceIds) maxId = std::max(maxId, id);
    // slot[id] = index into out + 1 (0 = not requested)
    std::vector<uint32_t> slot(size_t(maxId) + 1, 0);
    for (size_t k = 0; k < instanceIds.size(); ++k) slot[instanceIds[k]] = uint32_t(k + 1);
    // Per instance: column-major index of the last pixel seen and where its current run of 1s started.
    std::vector<int64_t> last(instanceIds.size(), -1), runStart(instanceIds.size(), -1);
    for (auto& r : out) {
        r.height = H;
        r.width = W;
    }
    for (int x = 0; x < W; ++x) {
        for (int y = 0; y < H; ++y) {
            uint32_t id = ids.pixels[size_t(y) * size_t(W) + size_t(x)];
            if (id > maxId || slot[id] == 0) continue;
            size_t k = slot[id] - 1;
            int64_t p = int64_t(x) * H + y;
            if (last[k] == p - 1 && runStart[k] >= 0) {
                last[k] = p;
                continue;
            }
            auto& c = out[k].counts;
            if (runStart[k] < 0) {
                c.push_back(uint32_t(p));  // leading 0s
            } else {
                c.push_back(uint32_t(last[k] - runStart[k] + 1));
                c.push_back(uint32_t(p - last[k] - 1));
            }
            runStart[k] = p;
            last[k] = p;
        }
    }
    for (size_t k = 0; k < out.size(); ++k) {
        auto& c = out[k].counts;
        if (runStart[k] < 0) {
            c.push_back(uint32_t(N));
            continue;
        }
        c.push_back(uint32_t(last[k] - runStart[k] + 1));
        if (last[k] + 1 < N) c.push_back(uint32_t(N - last[k] - 1));
    }
    return out;
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
