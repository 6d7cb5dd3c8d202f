#pragma once
// Camera sensor effects on the RGB image only: labels are untouched because no geometry moves.
// Every effect is a pure function of the image and the settings (noise draws are keyed by
// `noiseKey` and the pixel index), so a frame's pixels do not depend on threads or order.
#include "core/Color.h"
#include "core/Image.h"
#include "core/SensorSettings.h"

namespace sg {

// Applies the effects to an sRGB 8-bit image (3 or 4 channels) in a fixed order: optics (defocus,
// motion blur, vignetting) in linear light, then exposure and white balance, color jitter, and
// sensor noise last.
void applySensorEffects(ImageU8& rgb, const SensorSettings& settings);

// Linear RGB multipliers that make a surface lit by a blackbody at `kelvin` look white, normalized
// so green is 1 (6500 K gives about (1, 1, 1)).
void whiteBalanceGains(double kelvin, double gains[3]);

}  // namespace sg
