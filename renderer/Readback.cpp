#include "renderer/Readback.h"

#include <glm/gtc/packing.hpp>

#include <algorithm>
#include <cstring>
#include <thread>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

// The loops below take plain __restrict pointers: through a captured uint8_t* the compiler must
// assume every store may change every pointer, and the RGB loop ran byte by byte reloading them.

// RGBA8 -> RGB8 with one 4-byte store per pixel; the stray fourth byte is overwritten by the next
// pixel, and the last pixel is written byte by byte so nothing lands past the end.
void rgbaToRgb(const uint8_t* __restrict rgba, uint8_t* __restrict rgb, size_t n) {
    if (n == 0) return;
    for (size_t i = 0; i + 1 < n; ++i) std::memcpy(rgb + 3 * i, rgba + 4 * i, 4);
    for (int c = 0; c < 3; ++c) rgb[3 * (n - 1) + c] = rgba[4 * (n - 1) + c];
}

// RGBA16F -> RGB32F. Half -> float is exact, so the table and the F16C instruction agree bit for bit.
void halfRgbaToFloatRgbTable(const uint16_t* __restrict halves, float* __restrict out, size_t n) {
    const float* __restrict toFloat = halfToFloatTable().data();
    for (size_t i = 0; i < n; ++i)
        for (int c = 0; c < 3; ++c) out[3 * i + c] = toFloat[halves[4 * i + c]];
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("f16c"))) void halfRgbaToFloatRgbF16c(const uint16_t* __restrict halves, float* __restrict out, size_t n) {
    size_t i = 0;
    for (; i + 1 < n; ++i) {  // 16 bytes per store; the fourth float is overwritten by the next pixel
        __m128 v = _mm_cvtph_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(halves + 4 * i)));
        _mm_storeu_ps(out + 3 * i, v);
    }
    if (n > 0) halfRgbaToFloatRgbTable(halves + 4 * i, out + 3 * i, 1);
}
#endif

void halfRgbaToFloatRgb(const uint16_t* halves, float* out, size_t n) {
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("f16c")) return halfRgbaToFloatRgbF16c(halves, out, n);
#endif
    halfRgbaToFloatRgbTable(halves, out, n);
}

void reversedZToPlanar(const float* __restrict d, float* __restrict depth, size_t n, ReversedZ z) {
    for (size_t i = 0; i < n; ++i) depth[i] = d[i] > 0.0f ? float(z.b / (double(d[i]) - z.a)) : 0.0f;
}

}  // namespace

void readMainTargets(const MainTargets& t, const ReversedZ& z, bool withNormals, FrameBuffers& out) {
    const int w = int(t.width), h = int(t.height);
    const size_t n = size_t(w) * h;
    const auto* base = static_cast<const uint8_t*>(t.readback.mapped);

    shape(out.rgb, w, h, 3);
    shape(out.instanceId, w, h, 1);
    if (withNormals) shape(out.normals, w, h, 3);
    else out.normals = ImageF32{};
    shape(out.depth, w, h, 1);
    // Where each attachment's rows are: in the mapped images themselves, or packed in the readback buffer.
    struct Rows {
        const uint8_t* first;
        size_t pitch;
    };
    const Rows color = t.hostMapped ? Rows{t.color.mapped, size_t(t.color.rowPitch)} : Rows{base + t.colorOffset, size_t(w) * 4};
    const Rows ids = t.hostMapped ? Rows{t.instanceId.mapped, size_t(t.instanceId.rowPitch)} : Rows{base + t.idOffset, size_t(w) * 4};
    const Rows halves = t.hostMapped ? Rows{t.normals.mapped, size_t(t.normals.rowPitch)} : Rows{base + t.normalOffset, size_t(w) * 8};
    const auto* d = reinterpret_cast<const float*>(base + t.depthOffset);
    uint8_t* rgb = out.rgb.pixels.data();
    uint32_t* id = out.instanceId.pixels.data();
    float* normals = out.normals.pixels.data();
    float* depth = out.depth.pixels.data();

    auto convert = [=](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            const size_t at = size_t(y) * size_t(w);
            rgbaToRgb(color.first + size_t(y) * color.pitch, rgb + 3 * at, size_t(w));
            std::memcpy(id + at, ids.first + size_t(y) * ids.pitch, size_t(w) * 4);
            if (withNormals)
                halfRgbaToFloatRgb(reinterpret_cast<const uint16_t*>(halves.first + size_t(y) * halves.pitch), normals + 3 * at,
                                   size_t(w));
        }
        const size_t begin = size_t(y0) * size_t(w), end = size_t(y1) * size_t(w);
        reversedZToPlanar(d + begin, depth + begin, end - begin, z);
    };
    // The rasterizer threads are idle during readback: convert on two threads.
    if (n >= 100000) {
        std::thread helper(convert, 0, h / 2);
        convert(h / 2, h);
        helper.join();
    } else {
        convert(0, h);
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
