#include "renderer/PixelFilter.h"

#include "core/Color.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sg::vk {

namespace {

// Normalized weights of offsets -r..r, r = ceil(3 sigma).
std::vector<float> gaussianWeights(float sigma) {
    const int r = int(std::ceil(3.0f * sigma));
    std::vector<float> w(size_t(2 * r + 1));
    double sum = 0.0;
    for (int k = -r; k <= r; ++k) sum += w[size_t(k + r)] = float(std::exp(-0.5 * double(k * k) / double(sigma * sigma)));
    for (float& v : w) v = float(v / sum);
    return w;
}

// One row of 3-channel linear pixels, padded with r copies of its end pixels on each side (edges
// clamped), filtered along x into `out`: a weighted sum of shifted copies of the row, contiguous
// so the compiler vectorizes it.
void filterRow(const float* padded, float* out, int w, const std::vector<float>& weights) {
    const size_t n = size_t(w) * 3;
    std::fill(out, out + n, 0.0f);
    for (size_t k = 0; k < weights.size(); ++k) {
        const float* src = padded + k * 3;
        const float wk = weights[k];
        for (size_t i = 0; i < n; ++i) out[i] += wk * src[i];
    }
}

}  // namespace

// Rows first, then columns as weighted sums of whole filtered rows, encoding each finished row
// straight back into the image.
void applyGaussianPixelFilter(ImageU8& rgb, float sigma) {
    if (!(sigma > 0.0f) || rgb.empty()) return;
    const int w = rgb.width, h = rgb.height, C = rgb.channels;
    const std::vector<float> weights = gaussianWeights(sigma);
    const int r = int(weights.size() / 2);
    const size_t rowFloats = size_t(w) * 3;
    const auto& toLinear = linearFromSrgb8Table();
    const auto& toSrgb8 = srgb8FromLinearTable();

    std::vector<float> padded(size_t(w + 2 * r) * 3), rows(rowFloats * size_t(h));
    for (int y = 0; y < h; ++y) {
        const uint8_t* src = &rgb.pixels[size_t(y) * w * C];
        for (int x = -r; x < w + r; ++x) {
            const uint8_t* p = src + size_t(std::clamp(x, 0, w - 1)) * C;
            for (int c = 0; c < 3; ++c) padded[size_t(x + r) * 3 + c] = toLinear[p[c]];
        }
        filterRow(padded.data(), &rows[size_t(y) * rowFloats], w, weights);
    }
    std::vector<float> acc(rowFloats);
    for (int y = 0; y < h; ++y) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        for (int k = -r; k <= r; ++k) {
            const float* src = &rows[size_t(std::clamp(y + k, 0, h - 1)) * rowFloats];
            const float wk = weights[size_t(k + r)];
            for (size_t i = 0; i < rowFloats; ++i) acc[i] += wk * src[i];
        }
        uint8_t* dst = &rgb.pixels[size_t(y) * w * C];
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) {
                const float v = std::clamp(acc[size_t(x) * 3 + c], 0.0f, 1.0f);
                dst[size_t(x) * C + c] = toSrgb8[size_t(v * float(kLinearSteps) + 0.5f)];
            }
    }
}

}  // namespace sg::vk
