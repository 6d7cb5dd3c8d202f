#include "renderer/MipChain.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace sg::vk {

namespace {

template <class T>
std::vector<std::vector<T>> boxChain(std::vector<T> level0, int width, int height) {
    std::vector<std::vector<T>> levels;
    levels.push_back(std::move(level0));
    int w = width, h = height;
    while (w > 1 || h > 1) {
        int nw = std::max(1, w / 2), nh = std::max(1, h / 2);
        const auto& src = levels.back();
        std::vector<T> dst(size_t(nw) * nh * 4);
        for (int y = 0; y < nh; ++y)
            for (int x = 0; x < nw; ++x)
                for (int c = 0; c < 4; ++c) {
                    int x0 = std::min(2 * x, w - 1), x1 = std::min(2 * x + 1, w - 1);
                    int y0 = std::min(2 * y, h - 1), y1 = std::min(2 * y + 1, h - 1);
                    dst[(size_t(y) * nw + x) * 4 + c] = (src[(size_t(y0) * w + x0) * 4 + c] + src[(size_t(y0) * w + x1) * 4 + c] +
                                                         src[(size_t(y1) * w + x0) * 4 + c] + src[(size_t(y1) * w + x1) * 4 + c]) *
                                                        T(0.25);
                }
        levels.push_back(std::move(dst));
        w = nw;
        h = nh;
    }
    return levels;
}

}  // namespace

std::vector<std::vector<uint8_t>> mipChainRgba8(const uint8_t* rgba, int width, int height, bool srgb) {
    static const std::array<float, 256> toLinear = [] {
        std::array<float, 256> t{};
        for (int i = 0; i < 256; ++i) {
            float c = i / 255.0f;
            t[i] = c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
        }
        return t;
    }();
    size_t n = size_t(width) * height * 4;
    std::vector<float> level0(n);
    for (size_t i = 0; i < n; ++i) level0[i] = (srgb && i % 4 != 3) ? toLinear[rgba[i]] : rgba[i] / 255.0f;
    auto chain = boxChain(std::move(level0), width, height);
    std::vector<std::vector<uint8_t>> out;
    out.reserve(chain.size());
    out.emplace_back(rgba, rgba + n);  // level 0 stays bit-exact
    for (size_t l = 1; l < chain.size(); ++l) {
        std::vector<uint8_t> bytes(chain[l].size());
        for (size_t i = 0; i < bytes.size(); ++i) {
            float c = std::clamp(chain[l][i], 0.0f, 1.0f);
            if (srgb && i % 4 != 3) c = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
            bytes[i] = uint8_t(std::lround(c * 255.0f));
        }
        out.push_back(std::move(bytes));
    }
    return out;
}

std::vector<std::vector<uint8_t>> mipChainRgba32f(const float* rgba, int width, int height) {
    auto chain = boxChain(std::vector<float>(rgba, rgba + size_t(width) * height * 4), width, height);
    std::vector<std::vector<uint8_t>> out;
    for (auto& level : chain) {
        std::vector<uint8_t> bytes(level.size() * sizeof(float));
        std::memcpy(bytes.data(), level.data(), bytes.size());
        out.push_back(std::move(bytes));
    }
    return out;
}

}  // namespace sg::vk
