// The Gaussian pixel filter (renderer/PixelFilter.h) against the Gaussian written out here: a lone
// white pixel spreads by the products of the normalized 1-D weights, in linear light; a uniform
// image is unchanged; in a render it changes the RGB and no label.
#include "RenderTestUtil.h"
#include "renderer/PixelFilter.h"

using namespace sg;
using namespace sgtest;

namespace {

// 8-bit sRGB level of a linear value, by the exact transfer function.
int srgbLevel(double linear) {
    double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
    return int(std::lround(c * 255.0));
}

// Normalized weight of offset k of a Gaussian of sigma 0.5 truncated at 3 sigma (k = -2..2).
double weight(int k) {
    double sum = 0.0;
    for (int j = -2; j <= 2; ++j) sum += std::exp(-2.0 * j * j);
    return std::exp(-2.0 * k * k) / sum;
}

}  // namespace

TEST_CASE("the pixel filter spreads a lone white pixel by the Gaussian's weights in linear light") {
    ImageU8 img(9, 9, 3, 0);
    for (int c = 0; c < 3; ++c) img.at(4, 4, c) = 255;
    vk::applyGaussianPixelFilter(img, 0.5f);
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            INFO("offset (" << dx << ", " << dy << ")");
            int expected = srgbLevel(weight(dx) * weight(dy));
            for (int c = 0; c < 3; ++c) CHECK(std::abs(int(img.at(4 + dx, 4 + dy, c)) - expected) <= 1);
        }
    CHECK(img.at(0, 0, 0) == 0);  // beyond 3 sigma
}

TEST_CASE("the pixel filter leaves a uniform image unchanged") {
    ImageU8 img(16, 8, 3, 0);
    for (size_t i = 0; i < img.pixelCount(); ++i) {
        img.pixels[i * 3] = 200;
        img.pixels[i * 3 + 1] = 37;
        img.pixels[i * 3 + 2] = 91;
    }
    ImageU8 before = img;
    vk::applyGaussianPixelFilter(img, 0.5f);
    CHECK(img.pixels == before.pixels);
}

TEST_CASE("the pixel filter changes a render's RGB and no label") {
    Scene scene;
    scene.camera = lookingDown(160, 120, 150, 3.0);
    scene.objects.push_back(primitiveObject(box({1, 1, 0.5}), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 0.25)), matteGrey()));
    RenderSettings filtered;
    filtered.pixelFilterSigma = 0.5f;
    checkChangesRgbOnly(scene, RenderSettings{}, filtered);
}
