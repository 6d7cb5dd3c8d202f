#include "core/Color.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sg {

double linearFromSrgb(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

const std::array<float, 256>& linearFromSrgb8Table() {
    static const std::array<float, 256> table = [] {
        std::array<float, 256> a{};
        for (int i = 0; i < 256; ++i) a[size_t(i)] = float(linearFromSrgb(i / 255.0));
        return a;
    }();
    return table;
}

float linearFromSrgb8(uint8_t level) { return linearFromSrgb8Table()[level]; }

namespace {

double srgbFromLinearExact(double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055; }

const std::array<float, kLinearSteps + 1>& srgbFromLinearTable() {
    static const std::array<float, kLinearSteps + 1> table = [] {
        std::array<float, kLinearSteps + 1> a{};
        for (int i = 0; i <= kLinearSteps; ++i) a[size_t(i)] = float(srgbFromLinearExact(double(i) / kLinearSteps));
        return a;
    }();
    return table;
}

}  // namespace

float srgbFromLinear(float linear) {
    const auto& table = srgbFromLinearTable();
    float x = std::clamp(linear, 0.0f, 1.0f) * kLinearSteps;
    int i = std::min(int(x), kLinearSteps - 1);
    float f = x - float(i);
    return table[size_t(i)] + (table[size_t(i) + 1] - table[size_t(i)]) * f;
}

const std::array<uint8_t, kLinearSteps + 1>& srgb8FromLinearTable() {
    static const std::array<uint8_t, kLinearSteps + 1> table = [] {
        std::array<uint8_t, kLinearSteps + 1> a{};
        for (int i = 0; i <= kLinearSteps; ++i)
            a[size_t(i)] = uint8_t(std::lround(srgbFromLinearExact(double(i) / kLinearSteps) * 255.0));
        return a;
    }();
    return table;
}

void colorTemperatureToLinearRgb(double kelvin, double rgb[3]) {
    // Tanner Helland's fit of the blackbody locus (sRGB display values), then linearized.
    double t = std::clamp(kelvin, 1000.0, 40000.0) / 100.0;
    double r, g, b;
    if (t <= 66) {
        r = 255;
        g = 99.4708025861 * std::log(t) - 161.1195681661;
        b = t <= 19 ? 0 : 138.5177312231 * std::log(t - 10) - 305.0447927307;
    } else {
        r = 329.698727446 * std::pow(t - 60, -0.1332047592);
        g = 288.1221695283 * std::pow(t - 60, -0.0755148492);
        b = 255;
    }
    double s[3] = {r, g, b};
    double mx = 0;
    for (int i = 0; i < 3; ++i) {
        double c = std::clamp(s[i], 0.0, 255.0) / 255.0;
        rgb[i] = linearFromSrgb(c);
        mx = std::max(mx, rgb[i]);
    }
    for (int i = 0; i < 3; ++i) rgb[i] /= mx;
}

}  // namespace sg
