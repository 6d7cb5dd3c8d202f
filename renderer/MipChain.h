#pragma once
// CPU mip chains (2x2 box filter) for textures and environment maps: done once per upload, and
// independent of which formats the device can blit.
#include <cstdint>
#include <vector>

namespace sg::vk {

// RGBA8 levels. `srgb` filters in linear light so dark/bright edges keep their average brightness.
std::vector<std::vector<uint8_t>> mipChainRgba8(const uint8_t* rgba, int width, int height, bool srgb);
// RGBA float levels, returned as bytes.
std::vector<std::vector<uint8_t>> mipChainRgba32f(const float* rgba, int width, int height);

inline uint32_t mipLevelCount(int width, int height) {
    uint32_t n = 1;
    while ((width >> n) > 0 || (height >> n) > 0) ++n;
    return n;
}

}  // namespace sg::vk
