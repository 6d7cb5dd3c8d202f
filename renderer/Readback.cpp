#include "renderer/Readback.h"

#include <glm/gtc/packing.hpp>

#include <algorithm>
#include <cstring>
#include <thread>

namespace sg::vk {

namespace {

// Reuses the image's storage when the size is unchanged (no per-frame allocation or page faults).
template <class T>
void shape(sg::Image<T>& img, int w, int h, int c) {
    img.width = w;
    img.height = h;
    img.channels = c;
    img.pixels.resize(size_t(w) * h * c);
}

const std::vector<float>& halfToFloatTable() {
    static const std::vector<float> table = [] {
        std::vector<float> t(65536);
        for (uint32_t i = 0; i < 65536; ++i) t[i] = glm::unpackHalf1x16(uint16_t(i));
        return t;
    }();
    return table;
}

}  // namespace

void readMainTargets(const MainTargets& t, const ReversedZ& z, FrameBuffers& out) {
    const int w = int(t.width), h = int(t.height);
    const size_t n = size_t(w) * h;
    const auto* base = static_cast<const uint8_t*>(t.readback.mapped);

    shape(out.rgb, w, h, 3);
    shape(out.instanceId, w, h, 1);
    shape(out.normals, w, h, 3);
    shape(out.depth, w, h, 1);
    const uint8_t* rgba = base + t.colorOffset;
    const auto* halves = reinterpret_cast<const uint16_t*>(base + t.normalOffset);
    const auto* d = reinterpret_cast<const float*>(base + t.depthOffset);
    const float* toFloat = halfToFloatTable().data();
    uint8_t* rgb = out.rgb.pixels.data();
    float* normals = out.normals.pixels.data();
    float* depth = out.depth.pixels.data();

    auto convert = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            rgb[3 * i] = rgba[4 * i];
            rgb[3 * i + 1] = rgba[4 * i + 1];
            rgb[3 * i + 2] = rgba[4 * i + 2];
        }
        std::memcpy(out.instanceId.pixels.data() + begin, base + t.idOffset + begin * 4, (end - begin) * 4);
        for (size_t i = begin; i < end; ++i)
            for (int c = 0; c < 3; ++c) normals[3 * i + c] = toFloat[halves[4 * i + c]];
        for (size_t i = begin; i < end; ++i) depth[i] = d[i] > 0.0f ? float(z.b / (double(d[i]) - z.a)) : 0.0f;
    };
    // The rasterizer threads are idle during readback: large frames convert on two threads.
    if (n >= 500000) {
        std::thread helper(convert, 0, n / 2);
        convert(n / 2, n);
        helper.join();
    } else {
        convert(0, n);
    }
}

AmodalMask readSilhouette(const SilhouetteTargets& t, uint32_t index, const VkRect2D& rect) {
    const int w = int(t.width), h = int(t.height);
    const uint8_t* m = static_cast<const uint8_t*>(t.readback.mapped) + size_t(index) * w * h;
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    const int rx1 = rect.offset.x + int(rect.extent.width), ry1 = rect.offset.y + int(rect.extent.height);
    for (int y = rect.offset.y; y < ry1; ++y) {
        const uint8_t* row = m + size_t(y) * w;
        for (int x = rect.offset.x; x < rx1; ++x)
            if (row[x] > 127) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    }
    AmodalMask mask;
    if (x1 < 0) return mask;
    mask.x0 = x0;
    mask.y0 = y0;
    mask.mask = ImageU8(x1 - x0 + 1, y1 - y0 + 1, 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) mask.mask.at(x - x0, y - y0) = m[size_t(y) * w + x] > 127 ? 1 : 0;
    return mask;
}

}  // namespace sg::vk
