#pragma once
// The camera sensor effects of one frame, as plain data: sampled by randomization/, applied to the
// RGB image by sensor/SensorEffects.h.
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

}  // namespace sg
