#pragma once
// Color conversions shared by the scene sampler (light temperatures), the renderer's pixel filter
// and the sensor effects (white balance).
#include <array>
#include <cstdint>

namespace sg {

// The sRGB transfer function inverted: an encoded value in [0, 1] -> linear light.
double linearFromSrgb(double c);

// Table-driven conversions for whole images (pow() per channel per pixel costs more than a render):
// an 8-bit sRGB level -> linear light, and linear light (clamped to [0, 1]) -> encoded value in
// [0, 1], within 0.2 levels of the exact curve at worst (near black).
float linearFromSrgb8(uint8_t level);
float srgbFromLinear(float linear);

// The same as tables to index in a pixel loop, where even a call per channel shows: 8-bit level ->
// linear, and linear quantized to 1/kLinearSteps -> nearest 8-bit level (within 0.3 levels of the
// exact curve near black, exact elsewhere).
constexpr int kLinearSteps = 16384;
const std::array<float, 256>& linearFromSrgb8Table();
const std::array<uint8_t, kLinearSteps + 1>& srgb8FromLinearTable();

// Linear RGB color of a blackbody at `kelvin`, largest channel 1.
void colorTemperatureToLinearRgb(double kelvin, double rgb[3]);

}  // namespace sg
