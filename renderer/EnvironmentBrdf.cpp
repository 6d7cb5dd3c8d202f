#include "renderer/EnvironmentBrdf.h"

#include <algorithm>
#include <cmath>

namespace sg::vk {

namespace {

// The i-th of n points of the Hammersley set in the unit square (radical inverse in base 2).
glm::dvec2 hammersley(uint32_t i, uint32_t n) {
    uint32_t bits = i;
    bits = (bits << 16u) | (bits >> 16u);
    bits = ((bits & 0x55555555u) << 1u) | ((bits & 0xAAAAAAAAu) >> 1u);
    bits = ((bits & 0x33333333u) << 2u) | ((bits & 0xCCCCCCCCu) >> 2u);
    bits = ((bits & 0x0F0F0F0Fu) << 4u) | ((bits & 0xF0F0F0F0u) >> 4u);
    bits = ((bits & 0x00FF00FFu) << 8u) | ((bits & 0xFF00FF00u) >> 8u);
    return {(i + 0.5) / n, double(bits) * 2.3283064365386963e-10};
}

// Height-correlated Smith visibility G2 / (4 N.L N.V) for GGX (Heitz 2014).
double smithVisibility(double nDotL, double nDotV, double alpha) {
    double a2 = alpha * alpha;
    double v = nDotV * std::sqrt(nDotL * nDotL * (1.0 - a2) + a2);
    double l = nDotL * std::sqrt(nDotV * nDotV * (1.0 - a2) + a2);
    return 0.5 / (v + l);
}

// A Hammersley point turned into what the integrand needs: the azimuth's cosine and sine, and u.y.
struct SamplePoint {
    double cosPhi, sinPhi, v;
};

std::vector<SamplePoint> samplePoints(int samples) {
    std::vector<SamplePoint> points;
    for (int i = 0; i < samples; ++i) {
        glm::dvec2 u = hammersley(uint32_t(i), uint32_t(samples));
        points.push_back({std::cos(2.0 * M_PI * u.x), std::sin(2.0 * M_PI * u.x), u.y});
    }
    return points;
}

glm::vec2 integrate(double nDotV, double roughness, const std::vector<SamplePoint>& points) {
    nDotV = std::clamp(nDotV, 1e-4, 1.0);
    const double alpha = std::max(roughness * roughness, 1e-4);
    const glm::dvec3 v(std::sqrt(1.0 - nDotV * nDotV), 0.0, nDotV);
    double a = 0.0, b = 0.0;
    for (const SamplePoint& p : points) {
        // A half vector drawn from D(h) (h.n): pdf of L = D (n.h) / (4 v.h), so each sample weighs
        // f (n.l) / pdf = Vis (n.l) 4 (v.h) / (n.h).
        double cosTheta = std::sqrt((1.0 - p.v) / (1.0 + (alpha * alpha - 1.0) * p.v));
        double sinTheta = std::sqrt(1.0 - cosTheta * cosTheta);
        glm::dvec3 h(sinTheta * p.cosPhi, sinTheta * p.sinPhi, cosTheta);
        double vDotH = glm::dot(v, h);
        glm::dvec3 l = 2.0 * vDotH * h - v;
        if (l.z <= 0.0 || vDotH <= 0.0) continue;
        double weight = smithVisibility(l.z, nDotV, alpha) * l.z * 4.0 * vDotH / h.z;
        double f = 1.0 - vDotH, fresnel = f * f * f * f * f;
        a += (1.0 - fresnel) * weight;
        b += fresnel * weight;
    }
    return glm::vec2(float(a / double(points.size())), float(b / double(points.size())));
}

}  // namespace

glm::vec2 environmentBrdf(double nDotV, double roughness, int samples) { return integrate(nDotV, roughness, samplePoints(samples)); }

std::vector<glm::vec2> environmentBrdfTable(int side, int samples) {
    const std::vector<SamplePoint> points = samplePoints(samples);
    std::vector<glm::vec2> table(size_t(side) * side);
    for (int j = 0; j < side; ++j)
        for (int i = 0; i < side; ++i) table[size_t(j) * side + i] = integrate((i + 0.5) / side, (j + 0.5) / side, points);
    return table;
}

}  // namespace sg::vk
