#pragma once
// A plain row-major image: pixel (x, y), channel c lives at pixels[(y * width + x) * channels + c].
// Row 0 is the top row of the picture, as in every image file format we write.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sg {

template <class T>
struct Image {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<T> pixels;

    Image() = default;
    Image(int w, int h, int c = 1, T fill = T{}) : width(w), height(h), channels(c), pixels(size_t(w) * size_t(h) * size_t(c), fill) {}

    T& at(int x, int y, int c = 0) { return pixels[(size_t(y) * width + x) * channels + c]; }
    const T& at(int x, int y, int c = 0) const { return pixels[(size_t(y) * width + x) * channels + c]; }
    bool empty() const { return pixels.empty(); }
    size_t pixelCount() const { return size_t(width) * size_t(height); }
};

using ImageU8 = Image<uint8_t>;
using ImageU16 = Image<uint16_t>;
using ImageU32 = Image<uint32_t>;
using ImageF32 = Image<float>;

}  // namespace sg
