#pragma once
// The reconstruction filter of the RGB: how much of its neighbours' light a pixel takes in.
// Without it each pixel is the average over its own square (a box filter of the samples); path
// tracers reconstruct with wider, smooth filters (Cycles: Blackman-Harris 1.5 px wide; pbrt-v4: a
// Gaussian of sigma 0.5 px), which is what their edges look like. Labels never pass through it.
#include "core/Image.h"

namespace sg::vk {

// Convolves an 8-bit sRGB image (3 or 4 channels; alpha untouched) with a Gaussian of standard
// deviation `sigma` pixels, in linear light, edges clamped. sigma <= 0 leaves the image as it is.
void applyGaussianPixelFilter(ImageU8& rgb, float sigma);

}  // namespace sg::vk
