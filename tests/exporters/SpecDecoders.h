#pragma once
// Independent readers written from the format specs (not from our writers), used to check the
// bytes we write: COCO compressed RLE (pycocotools maskApi.c rleFrString), OpenEXR scanline
// files (openexr.com "OpenEXR File Layout"), and an even-odd polygon fill.
#include "core/Image.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace spec {

// pycocotools rleFrString: 5 bits per char (char - 48), bit 0x20 = more chars follow, bit 0x10 of
// the last char = negative (sign-extend); from the third count on, the value is a difference to
// the count two places before.
inline std::vector<uint32_t> cocoCountsFromString(const std::string& s) {
    std::vector<uint32_t> counts;
    size_t p = 0;
    while (p < s.size()) {
        long x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            long c = long(s[p]) - 48;
            x |= (c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10)) x |= -1L << (5 * k);
        }
        if (counts.size() > 2) x += long(counts[counts.size() - 2]);
        counts.push_back(uint32_t(x));
    }
    return counts;
}

// Column-major runs starting with 0s -> row-major h x w mask.
inline sg::ImageU8 maskFromCounts(const std::vector<uint32_t>& counts, int h, int w) {
    sg::ImageU8 m(w, h, 1, 0);
    size_t pos = 0;
    uint8_t v = 0;
    for (uint32_t c : counts) {
        for (uint32_t i = 0; i < c; ++i, ++pos) {
            if (pos >= size_t(w) * size_t(h)) throw std::runtime_error("RLE longer than the image");
            if (v) m.at(int(pos / size_t(h)), int(pos % size_t(h))) = 1;
        }
        v ^= 1;
    }
    if (pos != size_t(w) * size_t(h)) throw std::runtime_error("RLE does not cover the image");
    return m;
}

struct ExrChannel {
    std::string name;
    int pixelType = -1;
    int xSampling = 0, ySampling = 0;
};

struct ExrFile {
    std::map<std::string, std::pair<std::string, std::vector<uint8_t>>> attributes;  // name -> (type, bytes)
    std::vector<ExrChannel> channels;
    int width = 0, height = 0;
    std::vector<uint64_t> offsets;
    std::map<std::string, std::vector<float>> data;  // channel -> row-major pixels
};

inline uint32_t le32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }
inline uint64_t le64(const uint8_t* p) { return uint64_t(le32(p)) | uint64_t(le32(p + 4)) << 32; }

// Reads a single-part scanline, uncompressed, FLOAT-only EXR.
inline ExrFile readExr(const std::vector<uint8_t>& b) {
    ExrFile f;
    if (b.size() < 8 || le32(b.data()) != 20000630) throw std::runtime_error("bad magic");
    if ((le32(b.data() + 4) & 0xff) != 2) throw std::runtime_error("not version 2");
    if (le32(b.data() + 4) & ~0xffu) throw std::runtime_error("unexpected flags (tiled/multipart/deep/long names)");
    size_t p = 8;
    auto readString = [&]() {
        std::string s;
        while (b.at(p) != 0) s.push_back(char(b[p++]));
        ++p;
        return s;
    };
    for (;;) {
        if (b.at(p) == 0) {
            ++p;
            break;
        }
        std::string name = readString();
        std::string type = readString();
        uint32_t size = le32(&b.at(p));
        p += 4;
        f.attributes[name] = {type, std::vector<uint8_t>(b.begin() + long(p), b.begin() + long(p + size))};
        p += size;
    }
    const auto& ch = f.attributes.at("channels").second;
    size_t q = 0;
    while (ch.at(q) != 0) {
        ExrChannel c;
        while (ch[q] != 0) c.name.push_back(char(ch[q++]));
        ++q;
        c.pixelType = int(le32(&ch[q]));
        q += 4 + 4;  // type, pLinear + 3 reserved
        c.xSampling = int(le32(&ch[q]));
        c.ySampling = int(le32(&ch[q + 4]));
        q += 8;
        f.channels.push_back(c);
    }
    const auto& dw = f.attributes.at("dataWindow").second;
    int xmin = int(le32(&dw[0])), ymin = int(le32(&dw[4])), xmax = int(le32(&dw[8])), ymax = int(le32(&dw[12]));
    f.width = xmax - xmin + 1;
    f.height = ymax - ymin + 1;
    for (int y = 0; y < f.height; ++y) {
        f.offsets.push_back(le64(&b.at(p)));
        p += 8;
    }
    for (const auto& c : f.channels) f.data[c.name].resize(size_t(f.width) * size_t(f.height));
    for (int i = 0; i < f.height; ++i) {
        size_t o = size_t(f.offsets[size_t(i)]);
        int y = int(le32(&b.at(o))) - ymin;
        uint32_t size = le32(&b.at(o + 4));
        if (size != uint32_t(f.width) * 4u * uint32_t(f.channels.size())) throw std::runtime_error("bad chunk size");
        size_t d = o + 8;
        for (const auto& c : f.channels)
            for (int x = 0; x < f.width; ++x, d += 4) {
                uint32_t v = le32(&b.at(d));
                std::memcpy(&f.data[c.name][size_t(y) * size_t(f.width) + size_t(x)], &v, 4);
            }
    }
    return f;
}

// Even-odd fill of polygons (vertex list of x,y pairs) sampled at pixel centers (x + 0.5, y + 0.5).
inline sg::ImageU8 fillEvenOdd(const std::vector<std::vector<double>>& polygons, int w, int h) {
    sg::ImageU8 m(w, h, 1, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double px = x + 0.5, py = y + 0.5;
            bool inside = false;
            for (const auto& poly : polygons) {
                size_t n = poly.size() / 2;
                for (size_t i = 0, j = n - 1; i < n; j = i++) {
                    double xi = poly[2 * i], yi = poly[2 * i + 1], xj = poly[2 * j], yj = poly[2 * j + 1];
                    if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
                }
            }
            m.at(x, y) = inside ? 1 : 0;
        }
    return m;
}

}  // namespace spec
