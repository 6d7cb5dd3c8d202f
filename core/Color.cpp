#include "core/Color.h"

#include <algorithm>
#include <cmath>

namespace sg {

double linearFromSrgb(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

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
