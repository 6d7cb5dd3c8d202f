#pragma once
// Per-image statistics that show how far synthetic pictures are from real ones. All on the
// 0..255 scale of 8-bit images; gray = BT.601 luma 0.299 R + 0.587 G + 0.114 B.
#include "core/Image.h"

#include <array>
#include <string>

namespace sg::report {

struct ImageStats {
    double brightness = 0;               // mean gray
    double contrast = 0;                 // standard deviation of gray (RMS contrast)
    std::array<double, 3> colourMean{};  // mean R, G, B (gray images: all three the gray mean)
    // Variance of the Laplacian of gray, kernel [0 1 0; 1 -4 1; 0 1 0] over interior pixels
    // (OpenCV's cv::Laplacian with ksize 1, the usual blur measure).
    double sharpness = 0;
    // Noise sigma by Immerkaer's method ("Fast noise variance estimation", CVIU 1996):
    // sqrt(pi / 2) / (6 (W - 2)(H - 2)) * sum over interior pixels of |gray * M|,
    // M = [1 -2 1; -2 4 -2; 1 -2 1], which cancels image structure up to second order.
    double noise = 0;
};

// Statistics of an 8-bit image with 1, 3 or 4 channels (alpha ignored). Images smaller than
// 3x3 get zero sharpness and noise.
ImageStats computeImageStats(const ImageU8& image);

// The statistics by name, in the order the report lists them.
struct ImageStatField {
    const char* key;
    const char* label;
    double (*get)(const ImageStats&);
};
const std::array<ImageStatField, 7>& imageStatFields();

}  // namespace sg::report
