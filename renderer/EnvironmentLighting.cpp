#include "renderer/EnvironmentLighting.h"

#include <algorithm>
#include <cmath>

namespace sg::vk {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

IrradianceSh irradianceShFlat(const glm::vec3& radiance) {
    IrradianceSh sh{};
    sh[0] = radiance * float(kPi / 0.282095);  // E = pi * L for a uniform environment
    return sh;
}

IrradianceSh irradianceShEquirect(const ImageF32& img) {
    std::array<glm::dvec3, 9> L{};
    // Irradiance is very smooth: a few hundred thousand samples at most are plenty.
    int step = std::max(1, std::max(img.width / 1024, img.height / 512));
    double dPhi = 2 * kPi / img.width * step, dTheta = kPi / img.height * step;
    for (int y = 0; y < img.height; y += step) {
        double theta = (y + 0.5) / img.height * kPi;
        double sinT = std::sin(theta), cosT = std::cos(theta);
        double dOmega = dPhi * dTheta * sinT;
        for (int x = 0; x < img.width; x += step) {
            double phi = (0.5 - (x + 0.5) / img.width) * 2 * kPi;
            double dx = sinT * std::cos(phi), dy = sinT * std::sin(phi), dz = cosT;
            glm::dvec3 c(img.at(x, y, 0), img.at(x, y, 1), img.at(x, y, 2));
            c *= dOmega;
            const double Y[9] = {0.282095,
                                 0.488603 * dy,
                                 0.488603 * dz,
                                 0.488603 * dx,
                                 1.092548 * dx * dy,
                                 1.092548 * dy * dz,
                                 0.315392 * (3 * dz * dz - 1),
                                 1.092548 * dx * dz,
                                 0.546274 * (dx * dx - dy * dy)};
            for (int i = 0; i < 9; ++i) L[i] += c * Y[i];
        }
    }
    const double A[9] = {kPi, 2 * kPi / 3, 2 * kPi / 3, 2 * kPi / 3, kPi / 4, kPi / 4, kPi / 4, kPi / 4, kPi / 4};
    IrradianceSh sh{};
    for (int i = 0; i < 9; ++i) sh[i] = glm::vec3(L[i] * A[i]);
    return sh;
}

}  // namespace sg::vk
