#include "sensor/SensorEffects.h"

#include "core/KeyedRng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace sg {

namespace {

const std::array<float, 256>& srgbToLinearTable() {
    static const std::array<float, 256> t = [] {
        std::array<float, 256> a{};
        for (int i = 0; i < 256; ++i) {
            double c = i / 255.0;
            a[i] = float(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
        }
        return a;
    }();
    return t;
}

float linearToSrgb(float c) {
    c = std::clamp(c, 0.0f, 1.0f);
    return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

struct LinearImage {
    int w = 0, h = 0;
    std::vector<float> p;  // 3 channels
    float* at(int x, int y) { return &p[(size_t(y) * w + x) * 3]; }
};

// Horizontal then vertical running box of radius r (clamped edges).
void boxBlur(LinearImage& img, int r) {
    if (r <= 0) return;
    std::vector<float> line;
    for (int pass = 0; pass < 2; ++pass) {
        int n = pass == 0 ? img.w : img.h, lines = pass == 0 ? img.h : img.w;
        line.resize(size_t(n) * 3);
        for (int l = 0; l < lines; ++l) {
            auto px = [&](int i) { return pass == 0 ? img.at(i, l) : img.at(l, i); };
            for (int i = 0; i < n; ++i)
                for (int c = 0; c < 3; ++c) line[size_t(i) * 3 + c] = px(i)[c];
            for (int c = 0; c < 3; ++c) {
                double sum = 0;
                for (int k = -r; k <= r; ++k) sum += line[size_t(std::clamp(k, 0, n - 1)) * 3 + c];
                for (int i = 0; i < n; ++i) {
                    px(i)[c] = float(sum / (2 * r + 1));
                    sum += line[size_t(std::clamp(i + r + 1, 0, n - 1)) * 3 + c] - line[size_t(std::clamp(i - r, 0, n - 1)) * 3 + c];
                }
            }
        }
    }
}

void motionBlur(LinearImage& img, double length, double angleDeg) {
    int n = std::max(2, int(std::ceil(length)) + 1);
    double dx = std::cos(angleDeg * M_PI / 180) * length, dy = std::sin(angleDeg * M_PI / 180) * length;
    LinearImage src = img;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            float acc[3] = {0, 0, 0};
            for (int k = 0; k < n; ++k) {
                double t = double(k) / (n - 1) - 0.5;
                int sx = std::clamp(int(std::lround(x + t * dx)), 0, img.w - 1);
                int sy = std::clamp(int(std::lround(y + t * dy)), 0, img.h - 1);
                const float* s = src.at(sx, sy);
                for (int c = 0; c < 3; ++c) acc[c] += s[c];
            }
            float* d = img.at(x, y);
            for (int c = 0; c < 3; ++c) d[c] = acc[c] / n;
        }
}

}  // namespace

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
        rgb[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        mx = std::max(mx, rgb[i]);
    }
    for (int i = 0; i < 3; ++i) rgb[i] /= mx;
}

void whiteBalanceGains(double kelvin, double gains[3]) {
    double ill[3], ref[3];
    colorTemperatureToLinearRgb(kelvin, ill);
    colorTemperatureToLinearRgb(6500, ref);
    for (int i = 0; i < 3; ++i) gains[i] = (ref[i] / std::max(ill[i], 1e-6));
    double g = gains[1];
    for (int i = 0; i < 3; ++i) gains[i] /= g;
}

void applySensorEffects(ImageU8& rgb, const SensorSettings& s) {
    if (!s.any() || rgb.empty()) return;
    const auto& lut = srgbToLinearTable();
    const int C = rgb.channels;
    LinearImage img{rgb.width, rgb.height, std::vector<float>(rgb.pixelCount() * 3)};
    for (size_t i = 0; i < rgb.pixelCount(); ++i)
        for (int c = 0; c < 3; ++c) img.p[i * 3 + c] = lut[rgb.pixels[i * C + c]];

    // Optics, in linear light.
    if (s.defocusRadius >= 0.5) {
        // Three box passes approximate a smooth disc-like blur of about this radius.
        int r = std::max(1, int(std::lround(s.defocusRadius / 1.7)));
        for (int k = 0; k < 3; ++k) boxBlur(img, r);
    }
    if (s.motionBlurLength >= 1) motionBlur(img, s.motionBlurLength, s.motionBlurAngle);

    double wb[3] = {1, 1, 1};
    if (s.whiteBalance != 6500) whiteBalanceGains(s.whiteBalance, wb);
    const double gain = std::pow(2.0, s.exposure);
    const double cx = 0.5 * (img.w - 1), cy = 0.5 * (img.h - 1), rmax2 = cx * cx + cy * cy + 1e-9;
    const double hueRad = s.hue * M_PI / 180, cosH = std::cos(hueRad), sinH = std::sin(hueRad);
    const bool jitter = s.brightness != 0 || s.contrast != 1 || s.saturation != 1 || s.hue != 0;
    const bool noise = s.gaussianNoise > 0 || s.poissonNoise > 0;

    for (int y = 0; y < img.h; ++y) {
        // One generator per row keyed by the row: same pixels whatever the thread count.
        KeyedRng rng(s.noiseKey, uint64_t(y), 0x5e50, 0x4e01);
        for (int x = 0; x < img.w; ++x) {
            float* p = img.at(x, y);
            double v = 1.0;
            if (s.vignetting > 0) v = 1.0 - s.vignetting * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / rmax2;
            double c[3];
            for (int k = 0; k < 3; ++k) c[k] = p[k] * gain * wb[k] * v;
            if (s.poissonNoise > 0) {
                // Shot noise: photon count ~ Poisson(signal * scale), normal approximation.
                double scale = s.poissonNoise * 255.0;
                for (int k = 0; k < 3; ++k) {
                    double lambda = std::max(0.0, c[k]) * scale;
                    c[k] = (lambda + std::sqrt(lambda) * rng.normal()) / scale;
                }
            }
            // Back to display values for jitter and read noise (both defined on 8-bit levels).
            double d[3];
            for (int k = 0; k < 3; ++k) d[k] = linearToSrgb(float(c[k]));
            if (jitter) {
                double luma = 0.299 * d[0] + 0.587 * d[1] + 0.114 * d[2];
                if (s.hue != 0) {
                    // Rotate chroma in YIQ.
                    double I = 0.596 * d[0] - 0.274 * d[1] - 0.322 * d[2];
                    double Q = 0.211 * d[0] - 0.523 * d[1] + 0.312 * d[2];
                    double I2 = I * cosH - Q * sinH, Q2 = I * sinH + Q * cosH;
                    d[0] = luma + 0.956 * I2 + 0.621 * Q2;
                    d[1] = luma - 0.272 * I2 - 0.647 * Q2;
                    d[2] = luma - 1.106 * I2 + 1.703 * Q2;
                }
                for (int k = 0; k < 3; ++k) {
                    d[k] = luma + (d[k] - luma) * s.saturation;
                    d[k] = (d[k] - 0.5) * s.contrast + 0.5 + s.brightness;
                }
            }
            for (int k = 0; k < 3; ++k) {
                double level = d[k] * 255.0;
                if (s.gaussianNoise > 0) level += s.gaussianNoise * rng.normal();
                rgb.pixels[(size_t(y) * img.w + x) * C + k] = uint8_t(std::clamp(std::lround(level), 0L, 255L));
            }
            (void)noise;
        }
    }
}

}  // namespace sg
