#include "randomization/ProceduralTexture.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {

uint8_t toSrgb8(float linear) {
    float c = std::clamp(linear, 0.0f, 1.0f);
    float s = c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
    return uint8_t(std::lround(s * 255.0f));
}

// Value noise on a periodic lattice (tiles seamlessly), smooth interpolation.
double latticeValue(uint64_t key, int x, int y, int period) {
    x = ((x % period) + period) % period;
    y = ((y % period) + period) % period;
    return double(mix64(key ^ mix64(uint64_t(x) * 73856093u ^ uint64_t(y) * 19349663u)) >> 11) * 0x1.0p-53;
}

double valueNoise(uint64_t key, double u, double v, int period) {
    int x0 = int(std::floor(u)), y0 = int(std::floor(v));
    double fx = u - x0, fy = v - y0;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    double a = latticeValue(key, x0, y0, period), b = latticeValue(key, x0 + 1, y0, period);
    double c = latticeValue(key, x0, y0 + 1, period), d = latticeValue(key, x0 + 1, y0 + 1, period);
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

double fbm(uint64_t key, double u, double v, int period) {
    double sum = 0, amp = 0.5, norm = 0;
    for (int o = 0; o < 4; ++o) {
        sum += amp * valueNoise(key + o, u * (1 << o), v * (1 << o), period * (1 << o));
        norm += amp;
        amp *= 0.5;
    }
    return sum / norm;
}

}  // namespace

std::shared_ptr<Texture> makeProceduralTexture(const ProceduralTextureSpec& spec) {
    auto tex = std::make_shared<Texture>();
    tex->source = "<procedural " + spec.kind + ">";
    const int n = spec.size;
    tex->image = ImageU8(n, n, 4, 255);
    const int period = std::max(1, int(std::lround(spec.scale)));
    const double ca = std::cos(spec.angle), sa = std::sin(spec.angle);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            double u = (x + 0.5) / n, v = (y + 0.5) / n;
            double t = 0;  // 0 = colorA, 1 = colorB
            if (spec.kind == "checker") {
                t = ((int(std::floor(u * period)) + int(std::floor(v * period))) & 1) ? 1.0 : 0.0;
            } else if (spec.kind == "stripes") {
                double s = (u * ca + v * sa) * spec.scale;
                t = (s - std::floor(s)) < 0.5 ? 0.0 : 1.0;
            } else if (spec.kind == "noise") {
                t = fbm(spec.key, u * period, v * period, period);
            } else {  // grain: wood-like rings bent by noise
                double s = (u * ca + v * sa) * spec.scale + 1.5 * fbm(spec.key, u * 4, v * 4, 4);
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
