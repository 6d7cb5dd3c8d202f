#pragma once
// Camera sensor effects on the RGB image only: labels are untouched because no geometry moves.
// Every effect is a pure function of the image and the settings (noise draws are keyed by
// `noiseKey` and the pixel index), so a frame's pixels do not depend on threads or order.
#include "core/Image.h"

#include <cstdint>

namespace sg {

struct SensorSettings {
    double gaussianNoise = 0;     // standard deviation in 8-bit levels
    double poissonNoise = 0;      // shot noise: photons per 8-bit level at full scale; 0 = off
    double motionBlurLength = 0;  // pixels (box kernel along a line)
    double motionBlurAngle = 0;   // degrees from the +x axis
    double defocusRadius = 0;     // pixels (disc kernel)
    double exposure = 0;          // stops: linear light is multiplied by 2^exposure
    double whiteBalance = 6500;   // kelvin of the illuminant the camera assumes; 6500 = neutral
    double brightness = 0;        // added to every channel (fraction of full scale)
    double contrast = 1;          // around mid-gray
    double saturation = 1;        // 0 = gray, 1 = unchanged
    double hue = 0;               // degrees of rotation around the gray axis
    double vignetting = 0;        // darkening at the corners, 0..1
    uint64_t noiseKey = 0;        // keys the noise draws (set from seed and frame)

    bool any() const {
        return gaussianNoise > 0 || poissonNoise > 0 || motionBlurLength >= 1 || defocusRadius >= 0.5 || exposure != 0 ||
               whiteBalance != 6500 || brightness != 0 || contrast != 1 || saturation != 1 || hue != 0 || vignetting > 0;
    }
};

// Applies the effects to an sRGB 8-bit image (3 or 4 channels) in a fixed order: optics (defocus,
// motion blur, vignetting) in linear light, then exposure and white balance, color jitter, and
// sensor noise last.
void applySensorEffects(ImageU8& rgb, const SensorSettings& settings);

// Linear RGB multipliers that make a surface lit by a blackbody at `kelvin` look white, normalized
// so green is 1 (6500 K gives about (1, 1, 1)).
void whiteBalanceGains(double kelvin, double gains[3]);
// Linear RGB color of a blackbody at `kelvin`, largest channel 1.
void colorTemperatureToLinearRgb(double kelvin, double rgb[3]);

}  // namespace sg
