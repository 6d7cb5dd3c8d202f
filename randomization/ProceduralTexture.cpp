#include "randomization/ProceduralTexture.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <vector>

namespace sg {

namespace {

// Linear [0, 1] -> 8-bit sRGB code, by the formula (a powf per channel).
uint8_t toSrgb8Exact(float linear) {
    float c = std::clamp(linear, 0.0f, 1.0f);
    float s = c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
    return uint8_t(std::lround(s * 255.0f));
}

// The same mapping from a table: thresholds[k] is the smallest float whose code is above k, found
// by bisecting the float bit patterns of [0, 1] with toSrgb8Exact itself, so the lookup gives the
// formula's code for every float (it is monotonic). A texture of n x n texels needed 3 n² powf.
uint8_t toSrgb8(float linear) {
    static const std::array<float, 255> thresholds = [] {
        std::array<float, 255> t{};
        auto bitsOf = [](float f) {
            uint32_t b;
            std::memcpy(&b, &f, 4);
            return b;
        };
        auto floatOf = [](uint32_t b) {
            float f;
            std::memcpy(&f, &b, 4);
            return f;
        };
        for (int k = 0; k < 255; ++k) {
            uint32_t lo = 0, hi = bitsOf(1.0f);  // toSrgb8Exact(floatOf(hi)) == 255 > k
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (toSrgb8Exact(floatOf(mid)) > k) hi = mid;
                else lo = mid + 1;
            }
            t[size_t(k)] = floatOf(lo);
        }
        return t;
    }();
    if (!(linear > 0.0f)) return 0;  // also NaN
    return uint8_t(std::upper_bound(thresholds.begin(), thresholds.end(), std::min(linear, 1.0f)) - thresholds.begin());
}

// Value noise on a periodic lattice (tiles seamlessly), smooth interpolation.
double latticeValue(uint64_t key, int x, int y, int period) {
    x = ((x % period) + period) % period;
    y = ((y % period) + period) % period;
    return double(mix64(key ^ mix64(uint64_t(x) * 73856093u ^ uint64_t(y) * 19349663u)) >> 11) * 0x1.0p-53;
}

// One octave of periodic value noise: lattice values hashed once into a table, then smoothly
// interpolated (hashing per pixel cost more than the rest of the texture).
struct NoiseOctave {
    int period = 1;
    std::vector<double> values;  // period x period
    NoiseOctave(uint64_t key, int p) : period(std::max(1, p)), values(size_t(period) * size_t(period)) {
        for (int y = 0; y < period; ++y)
            for (int x = 0; x < period; ++x) values[size_t(y) * period + x] = latticeValue(key, x, y, period);
    }
    int wrap(int x) const { return ((x % period) + period) % period; }
    double sample(double u, double v) const {
        int x0 = int(std::floor(u)), y0 = int(std::floor(v));
        double fx = u - x0, fy = v - y0;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        // Wrap once per sample, not once per corner: the +1 neighbours wrap by a compare.
        const int xa = wrap(x0), ya = wrap(y0), xb = xa + 1 == period ? 0 : xa + 1, yb = ya + 1 == period ? 0 : ya + 1;
        const double* rowA = values.data() + size_t(ya) * size_t(period);
        const double* rowB = values.data() + size_t(yb) * size_t(period);
        double a = rowA[xa], b = rowA[xb], c = rowB[xa], d = rowB[xb];
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
};

struct Fbm {
    std::vector<NoiseOctave> octaves;
    Fbm(uint64_t key, int period) {
        for (int o = 0; o < 4; ++o) octaves.emplace_back(key + o, period * (1 << o));
    }
    double operator()(double u, double v) const {
        double sum = 0, amp = 0.5, norm = 0;
        for (int o = 0; o < 4; ++o) {
            sum += amp * octaves[size_t(o)].sample(u * (1 << o), v * (1 << o));
            norm += amp;
            amp *= 0.5;
        }
        return sum / norm;
    }
};

}  // namespace

std::shared_ptr<Texture> makeProceduralTexture(const ProceduralTextureSpec& spec) {
    auto tex = std::make_shared<Texture>();
    tex->source = "<procedural " + spec.kind + ">";
    const int n = spec.size;
    tex->image = ImageU8(n, n, 4, 255);
    const int period = std::max(1, int(std::lround(spec.scale)));
    const double ca = std::cos(spec.angle), sa = std::sin(spec.angle);
    // Only the noise a kind uses is built (its table grows with the period).
    const Fbm noise(spec.key, spec.kind == "noise" ? period : 1);
    const Fbm grainNoise(spec.key, 4);
    const bool checker = spec.kind == "checker", stripes = spec.kind == "stripes", noiseKind = spec.kind == "noise";
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            double u = (x + 0.5) / n, v = (y + 0.5) / n;
            double t = 0;  // 0 = colorA, 1 = colorB
            if (checker) {
                t = ((int(std::floor(u * period)) + int(std::floor(v * period))) & 1) ? 1.0 : 0.0;
            } else if (stripes) {
                double s = (u * ca + v * sa) * spec.scale;
                t = (s - std::floor(s)) < 0.5 ? 0.0 : 1.0;
            } else if (noiseKind) {
                t = noise(u * period, v * period);
            } else {  // grain: wood-like rings bent by noise
                double s = (u * ca + v * sa) * spec.scale + 1.5 * grainNoise(u * 4, v * 4);
                double r = s - std::floor(s);
                t = std::pow(std::abs(std::sin(r * M_PI)), 6.0);
            }
            glm::vec3 c = glm::mix(spec.colorA, spec.colorB, float(t));
            uint8_t* p = &tex->image.at(x, y);
            p[0] = toSrgb8(c.r);
            p[1] = toSrgb8(c.g);
            p[2] = toSrgb8(c.b);
        }
    }
    return tex;
}

}  // namespace sg
