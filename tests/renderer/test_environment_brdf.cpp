// The split-sum environment BRDF (renderer/EnvironmentBrdf.h) against a quadrature written out here:
// GGX, height-correlated Smith visibility and Schlick's Fresnel integrated over the hemisphere by a
// midpoint rule in the polar and azimuth angles (the table samples half vectors instead); then a
// metal plate under a uniform sky, whose radiance is the sky's times F0 A + B.
#include "RenderTestUtil.h"
#include "renderer/EnvironmentBrdf.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kPi = 3.14159265358979323846;

// (A, B): the integral of f_spec (n.l) dl with Fresnel's 1 - (1 - v.h)^5 and (1 - v.h)^5 parts.
glm::dvec2 hemisphereIntegral(double nDotV, double roughness) {
    const int steps = 1000;
    const double alpha = roughness * roughness, a2 = alpha * alpha;
    const glm::dvec3 v(std::sqrt(1.0 - nDotV * nDotV), 0.0, nDotV);
    glm::dvec2 sum(0.0);
    for (int i = 0; i < steps; ++i)
        for (int j = 0; j < 2 * steps; ++j) {
            double theta = (i + 0.5) / steps * kPi / 2, phi = (j + 0.5) / (2 * steps) * 2 * kPi;
            glm::dvec3 l(std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi), std::cos(theta));
            glm::dvec3 h = glm::normalize(l + v);
            double d = h.z * h.z * (a2 - 1.0) + 1.0;
            double ndf = a2 / (kPi * d * d);
            double vis = 0.5 / (nDotV * std::sqrt(l.z * l.z * (1.0 - a2) + a2) + l.z * std::sqrt(nDotV * nDotV * (1.0 - a2) + a2));
            double fresnel = std::pow(1.0 - glm::dot(v, h), 5.0);
            double w = ndf * vis * l.z * std::sin(theta) * (kPi / 2 / steps) * (kPi / steps);
            sum += glm::dvec2((1.0 - fresnel) * w, fresnel * w);
        }
    return sum;
}

}  // namespace

TEST_CASE("the environment BRDF matches a quadrature over the hemisphere") {
    for (auto [nDotV, roughness] : {std::pair{0.25, 0.8}, {0.5, 0.5}, {0.9, 0.4}, {0.15, 1.0}, {0.6, 1.0}}) {
        glm::dvec2 expected = hemisphereIntegral(nDotV, roughness);
        glm::vec2 table = vk::environmentBrdf(nDotV, roughness, 512);
        INFO("N.V " << nDotV << ", roughness " << roughness << ": A " << table.x << " (quadrature " << expected.x << "), B " << table.y
                    << " (" << expected.y << ")");
        CHECK(table.x == Approx(expected.x).epsilon(0.015));
        CHECK(table.y == Approx(expected.y).epsilon(0.03).margin(0.001));
    }
}

TEST_CASE("a mirror-smooth surface reflects all of the environment, split by Fresnel") {
    // alpha -> 0: the lobe is the mirror direction, v.h = N.V, and no light is lost.
    glm::vec2 ab = vk::environmentBrdf(0.5, 0.02, 512);
    CHECK(ab.x + ab.y == Approx(1.0).epsilon(0.01));
    CHECK(ab.y == Approx(std::pow(0.5, 5.0)).epsilon(0.05));
}

TEST_CASE("a metal plate under a uniform sky reflects it by the environment BRDF") {
    // Roughness 0.5, F0 0.9, seen at N.V = 0.5 (turned 60 degrees from the camera), sky radiance 0.4,
    // no lights: the radiance is 0.4 (0.9 A + B), A and B by the quadrature above.
    const double sky = 0.4, f0 = 0.9;
    Scene s = plateUnderSky(0.5, sky, greyMaterial(f0, 0.5, 1.0));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(s);
    REQUIRE(fb.instanceId.at(80, 60) == 1);
    glm::dvec2 ab = hemisphereIntegral(0.5, 0.5);
    double expected = sky * (f0 * ab.x + ab.y);
    double measured = srgbToLinear(fb.rgb.at(80, 60, 1)) + 0.04;  // the tone curve is x - 0.04 in its linear part
    INFO("measured " << measured << ", expected " << expected);
    CHECK(measured == Approx(expected).epsilon(0.02));
    requireCleanValidation(renderer);
}
