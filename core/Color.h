#pragma once
// Color conversions shared by the scene sampler (light temperatures) and the sensor effects (white
// balance).

namespace sg {

// The sRGB transfer function inverted: an encoded value in [0, 1] -> linear light.
double linearFromSrgb(double c);

// Linear RGB color of a blackbody at `kelvin`, largest channel 1.
void colorTemperatureToLinearRgb(double kelvin, double rgb[3]);

}  // namespace sg
