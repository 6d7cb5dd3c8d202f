#include "sensor/SensorEffects.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace sg;

namespace {

ImageU8 gray(int level, int w = 64, int h = 48) { return ImageU8(w, h, 3, uint8_t(level)); }

double srgbToLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

}  // namespace

TEST_CASE("default settings leave the image untouched") {
    ImageU8 img = gray(77);
    img.at(3, 4, 1) = 200;
    ImageU8 before = img;
    applySensorEffects(img, SensorSettings{});
    CHECK(img.pixels == before.pixels);
}

TEST_CASE("gaussian noise has the requested standard deviation and is keyed") {
    ImageU8 a = gray(128, 200, 200), b = a;
    SensorSettings s;
    s.gaussianNoise = 5;
    s.noiseKey = 1234;
    applySensorEffects(a, s);
    applySensorEffects(b, s);
    CHECK(a.pixels == b.pixels);  // same key, same pixels
    double sum = 0, sum2 = 0;
    for (uint8_t v : a.pixels) {
        sum += v;
        sum2 += double(v) * v;
    }
    double n = double(a.pixels.size()), mean = sum / n;
    CHECK(mean == Approx(128).margin(0.2));
    CHECK(std::sqrt(sum2 / n - mean * mean) == Approx(5).margin(0.15));
    ImageU8 c = gray(128, 200, 200);
    s.noiseKey = 999;
    applySensorEffects(c, s);
    CHECK(c.pixels != a.pixels);
}

TEST_CASE("one stop of exposure doubles linear light") {
    ImageU8 img = gray(100);
    SensorSettings s;
    s.exposure = 1;
    applySensorEffects(img, s);
    double expected = 2 * srgbToLinear(100 / 255.0);
    CHECK(srgbToLinear(img.at(10, 10) / 255.0) == Approx(expected).margin(0.004));
}

TEST_CASE("vignetting darkens the corners and keeps the center") {
    ImageU8 img = gray(200, 101, 81);
    SensorSettings s;
    s.vignetting = 0.5;
    applySensorEffects(img, s);
    CHECK(img.at(50, 40) == 200);
    CHECK(img.at(0, 0) < 170);
}

TEST_CASE("defocus blur spreads a bright point and keeps total light") {
    ImageU8 img = gray(0, 41, 41);
    for (int c = 0; c < 3; ++c) img.at(20, 20, c) = 255;
    SensorSettings s;
    s.defocusRadius = 3;
    applySensorEffects(img, s);
    CHECK(img.at(20, 20) < 255);
    CHECK(img.at(22, 20) > 0);
    CHECK(img.at(0, 0) == 0);
    // Total light: the point held linear 1.0 per channel; after the blur the same light is spread
    // over many pixels, each rounded to 8 bits (about 0.3 % gained or lost overall).
    for (int c = 0; c < 3; ++c) {
        double total = 0;
        for (int y = 0; y < 41; ++y)
            for (int x = 0; x < 41; ++x) total += srgbToLinear(img.at(x, y, c) / 255.0);
        CHECK(total == Approx(1.0).epsilon(0.02));
    }
}

TEST_CASE("a warm white balance setting turns a gray image blue") {
    ImageU8 img = gray(128);
    SensorSettings s;
    s.whiteBalance = 3000;  // the camera assumes warm light and compensates toward blue
    applySensorEffects(img, s);
    CHECK(img.at(5, 5, 2) > img.at(5, 5, 0));
}

TEST_CASE("saturation zero makes colors gray") {
    ImageU8 img = gray(0);
    for (size_t i = 0; i < img.pixelCount(); ++i) img.pixels[i * 3] = 220;
    SensorSettings s;
    s.saturation = 0;
    applySensorEffects(img, s);
    CHECK(img.at(7, 7, 0) == img.at(7, 7, 1));
    CHECK(img.at(7, 7, 1) == img.at(7, 7, 2));
}

TEST_CASE("color temperature: low kelvin is red-heavy, high kelvin blue-heavy, largest channel 1") {
    double warm[3], cool[3];
    colorTemperatureToLinearRgb(2500, warm);
    colorTemperatureToLinearRgb(12000, cool);
    CHECK(warm[0] == Approx(1));
    CHECK(warm[2] < 0.3);
    CHECK(cool[2] == Approx(1));
    CHECK(cool[0] < cool[2]);
}
