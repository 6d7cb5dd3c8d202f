#include "sensor/SensorEffects.h"

#include "core/KeyedRng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace sg {

namespace {

// Standard normal draws from 16 random bits each (inverse CDF at bin centers): four per 64-bit
// draw, no log/cos per pixel. Quantized to 1/65536 in probability, invisible in 8-bit noise.
const std::array<float, 65536>& normalTable() {
    static const std::array<float, 65536> t = [] {
        std::array<float, 65536> a{};
        // Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
        const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02, a4 = 1.383577518672690e+02,
                     a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
        const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02, b4 = 6.680131188771972e+01,
                     b5 = -1.328068155288572e+01;
        const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
                     c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
        const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00, d4 = 3.754408661907416e+00;
        for (int i = 0; i < 65536; ++i) {
            double p = (i + 0.5) / 65536.0, x;
            if (p < 0.02425) {
                double q = std::sqrt(-2 * std::log(p));
                x = (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
            } else if (p <= 1 - 0.02425) {
                double q = p - 0.5, r = q * q;
                x = (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q /
                    (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
            } else {
                double q = std::sqrt(-2 * std::log(1 - p));
                x = -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
            }
            a[size_t(i)] = float(x);
        }
        return a;
    }();
    return t;
}

struct NormalStream {
    KeyedRng rng;
    uint64_t bits = 0;
    int left = 0;
    float next() {
        if (left == 0) {
            bits = rng.nextU64();
            left = 4;
        }
        --left;
        float v = normalTable()[bits & 0xffff];
        bits >>= 16;
        return v;
    }
};

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

// The common case (read noise + vignetting) straight on 8-bit values: the vignetting factor is
// applied in linear light through a radial table of its display-space equivalent.
void applyNoiseAndVignetting(ImageU8& rgb, const SensorSettings& s) {
    const int C = rgb.channels, w = rgb.width, h = rgb.height;
    const double cx = 0.5 * (w - 1), cy = 0.5 * (h - 1), rmax2 = cx * cx + cy * cy + 1e-9;
    constexpr int kSteps = 1024;
    std::array<float, kSteps + 1> gain{};
    for (int i = 0; i <= kSteps; ++i) {
        double v = 1.0 - s.vignetting * double(i) / kSteps;
        // sRGB is close to a 1/2.4 power above black: scaling linear light by v scales display
        // values by about v^(1/2.4).
        gain[size_t(i)] = float(std::pow(std::max(v, 0.0), 1.0 / 2.4));
    }
    if (s.gaussianNoise > 0) normalTable();
    for (int y = 0; y < h; ++y) {
        NormalStream rng{KeyedRng(s.noiseKey, uint64_t(y), 0x5e50, 0x4e01)};
        const double dy2 = (y - cy) * (y - cy);
        uint8_t* row = &rgb.pixels[size_t(y) * w * C];
        for (int x = 0; x < w; ++x) {
            float g = s.vignetting > 0 ? gain[size_t(std::min(kSteps, int(((x - cx) * (x - cx) + dy2) / rmax2 * kSteps + 0.5)))]
                                       : 1.0f;
            for (int k = 0; k < 3; ++k) {
                float level = row[x * C + k] * g;
                if (s.gaussianNoise > 0) level += float(s.gaussianNoise) * rng.next();
                row[x * C + k] = uint8_t(std::clamp(int(level + 0.5f), 0, 255));
            }
        }
    }
}

}  // namespace

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
    const bool onlyNoiseAndVignetting = s.defocusRadius < 0.5 && s.motionBlurLength < 1 && s.exposure == 0 && s.whiteBalance == 6500 &&
                                        s.brightness == 0 && s.contrast == 1 && s.saturation == 1 && s.hue == 0 && s.poissonNoise <= 0;
    if (onlyNoiseAndVignetting) {
        applyNoiseAndVignetting(rgb, s);
        return;
    }
    const int C = rgb.channels;
    LinearImage img{rgb.width, rgb.height, std::vector<float>(rgb.pixelCount() * 3)};
    for (size_t i = 0; i < rgb.pixelCount(); ++i)
        for (int c = 0; c < 3; ++c) img.p[i * 3 + c] = linearFromSrgb8(rgb.pixels[i * C + c]);

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

    if (noise) normalTable();  // built once, before the loop
    for (int y = 0; y < img.h; ++y) {
        // One generator per row keyed by the row: same pixels whatever the thread count.
        NormalStream rng{KeyedRng(s.noiseKey, uint64_t(y), 0x5e50, 0x4e01)};
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
                    c[k] = (lambda + std::sqrt(lambda) * rng.next()) / scale;
                }
            }
            // Back to display values for jitter and read noise (both defined on 8-bit levels).
            double d[3];
            for (int k = 0; k < 3; ++k) d[k] = srgbFromLinear(float(c[k]));
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
                if (s.gaussianNoise > 0) level += s.gaussianNoise * rng.next();
                rgb.pixels[(size_t(y) * img.w + x) * C + k] = uint8_t(std::clamp(int(level + 0.5), 0, 255));
            }
        }
    }
}

}  // namespace sg
