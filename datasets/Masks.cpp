#include "datasets/Masks.h"

#include <algorithm>
#include <cmath>

namespace sg {

std::optional<std::vector<uint32_t>> rleCountsFromString(const std::string& s) {
    std::vector<uint32_t> counts;
    size_t p = 0;
    while (p < s.size()) {
        long long x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            if (p >= s.size() || k > 12) return std::nullopt;
            long long c = (long long)(unsigned char)s[p] - 48;
            if (c < 0 || c > 63) return std::nullopt;
            x |= (c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10)) x |= -1LL << (5 * k);
        }
        if (counts.size() > 2) x += (long long)counts[counts.size() - 2];
        if (x < 0 || x > 0xffffffffLL) return std::nullopt;
        counts.push_back(uint32_t(x));
    }
    return counts;
}

std::optional<ImageU8> decodeRle(const Rle& rle) {
    const int64_t n = int64_t(rle.width) * rle.height;
    if (rle.width <= 0 || rle.height <= 0) return std::nullopt;
    ImageU8 m(rle.width, rle.height, 1, 0);
    int64_t pos = 0;
    uint8_t v = 0;
    for (uint32_t c : rle.counts) {
        if (pos + int64_t(c) > n) return std::nullopt;
        if (v)
            for (int64_t p = pos; p < pos + int64_t(c); ++p) m.at(int(p / rle.height), int(p % rle.height)) = 1;
        pos += c;
        v ^= 1;
    }
    if (pos != n) return std::nullopt;
    return m;
}

namespace {

// Even-odd fill of one polygon: pixel x of row y is set when its center lies inside.
void fillPolygon(const std::vector<double>& poly, ImageU8& m) {
    const size_t n = poly.size() / 2;
    std::vector<double> crossings;
    for (int y = 0; y < m.height; ++y) {
        const double cy = y + 0.5;
        crossings.clear();
        for (size_t i = 0; i < n; ++i) {
            double x0 = poly[2 * i], y0 = poly[2 * i + 1];
            double x1 = poly[2 * ((i + 1) % n)], y1 = poly[2 * ((i + 1) % n) + 1];
            if ((y0 <= cy) == (y1 <= cy)) continue;  // half-open rule: each crossing counted once
            crossings.push_back(x0 + (cy - y0) * (x1 - x0) / (y1 - y0));
        }
        std::sort(crossings.begin(), crossings.end());
        for (size_t i = 0; i + 1 < crossings.size(); i += 2) {
            // centers x + 0.5 in [a, b)
            int xa = std::max(0, int(std::ceil(crossings[i] - 0.5)));
            int xb = std::min(m.width, int(std::ceil(crossings[i + 1] - 0.5)));
            for (int x = xa; x < xb; ++x) m.at(x, y) = 1;
        }
    }
}

}  // namespace

ImageU8 rasterizePolygons(const std::vector<std::vector<double>>& polygons, int width, int height) {
    // Each polygon filled on its own and OR-ed, as pycocotools merges an annotation's polygons:
    // overlapping pieces do not cancel.
    ImageU8 m(std::max(width, 0), std::max(height, 0), 1, 0);
    for (const auto& poly : polygons) fillPolygon(poly, m);
    return m;
}

ImageU8 decodeSegmentation(const Segmentation& s, int width, int height) {
    if (s.kind == Segmentation::Kind::Polygons) return rasterizePolygons(s.polygons, width, height);
    if (s.kind == Segmentation::Kind::Rle)
        if (auto m = decodeRle(s.rle)) return *m;
    return ImageU8{};
}

}  // namespace sg
