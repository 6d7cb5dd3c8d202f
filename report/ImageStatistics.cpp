#include "report/ImageStatistics.h"

#include <cmath>
#include <numbers>
#include <vector>

namespace sg::report {

namespace {

std::vector<float> grayOf(const ImageU8& image) {
    std::vector<float> gray(image.pixelCount());
    const int c = image.channels;
    for (size_t i = 0; i < gray.size(); ++i) {
        const uint8_t* p = &image.pixels[i * size_t(c)];
        gray[i] = c >= 3 ? 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2] : float(p[0]);
    }
    return gray;
}

}  // namespace

ImageStats computeImageStats(const ImageU8& image) {
    ImageStats s;
    const size_t n = image.pixelCount();
    if (n == 0) return s;
    const int c = image.channels;
    std::array<double, 3> colourSum{};
    for (size_t i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k) colourSum[k] += image.pixels[i * size_t(c) + size_t(c >= 3 ? k : 0)];
    for (int k = 0; k < 3; ++k) s.colourMean[k] = colourSum[k] / double(n);

    std::vector<float> gray = grayOf(image);
    double sum = 0, sumSq = 0;
    for (float g : gray) {
        sum += g;
        sumSq += double(g) * g;
    }
    s.brightness = sum / double(n);
    s.contrast = std::sqrt(std::max(0.0, sumSq / double(n) - s.brightness * s.brightness));

    const int w = image.width, h = image.height;
    if (w < 3 || h < 3) return s;
    double lapSum = 0, lapSumSq = 0, noiseSum = 0;
    for (int y = 1; y < h - 1; ++y) {
        const float* up = &gray[size_t(y - 1) * w];
        const float* row = &gray[size_t(y) * w];
        const float* down = &gray[size_t(y + 1) * w];
        for (int x = 1; x < w - 1; ++x) {
            double lap = double(up[x]) + down[x] + row[x - 1] + row[x + 1] - 4.0 * row[x];
            lapSum += lap;
            lapSumSq += lap * lap;
            double corners = double(up[x - 1]) + up[x + 1] + down[x - 1] + down[x + 1];
            double edges = double(up[x]) + down[x] + row[x - 1] + row[x + 1];
            noiseSum += std::abs(corners - 2.0 * edges + 4.0 * row[x]);
        }
    }
    const double interior = double(w - 2) * double(h - 2);
    const double lapMean = lapSum / interior;
    s.sharpness = std::max(0.0, lapSumSq / interior - lapMean * lapMean);
    s.noise = std::sqrt(std::numbers::pi / 2.0) * noiseSum / (6.0 * interior);
    return s;
}

const std::array<ImageStatField, 7>& imageStatFields() {
    static const std::array<ImageStatField, 7> fields{{
        {"brightness", "brightness (mean gray)", [](const ImageStats& s) { return s.brightness; }},
        {"contrast", "contrast (std of gray)", [](const ImageStats& s) { return s.contrast; }},
        {"mean_r", "mean red", [](const ImageStats& s) { return s.colourMean[0]; }},
        {"mean_g", "mean green", [](const ImageStats& s) { return s.colourMean[1]; }},
        {"mean_b", "mean blue", [](const ImageStats& s) { return s.colourMean[2]; }},
        {"sharpness", "sharpness (variance of Laplacian)", [](const ImageStats& s) { return s.sharpness; }},
        {"noise", "noise sigma (Immerkaer)", [](const ImageStats& s) { return s.noise; }},
    }};
    return fields;
}

}  // namespace sg::report
