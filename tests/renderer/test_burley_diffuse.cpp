// Burley's diffuse (RenderSettings::burleyDiffuse) against its formula (Burley 2012, "Physically
// Based Shading at Disney", written out here apart from the shader): a plate seen head-on under a
// sun 80 degrees from the zenith and a black sky, so the center pixel's radiance is the sun's
// diffuse and specular reflection alone, and only the diffuse changes with the option. Then a plate
// seen at a grazing angle under a uniform sky alone: its image-based diffuse changes by the mean of
// Burley's factor over the sky's directions, integrated here numerically.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSunZenith = 80.0 * kPi / 180.0;
constexpr double kIrradiance = 6.0;  // W/m^2 facing the sun
constexpr double kAlbedo = 0.8;

Scene plateUnderLowSun(float roughness) {
    Scene s = plateUnderSky(1.0, 0.0, greyMaterial(kAlbedo, roughness, 0.0));  // pixel (80, 60) looks straight down
    Light sun;
    sun.direction = -glm::dvec3(std::sin(kSunZenith), 0.0, std::cos(kSunZenith));
    sun.intensity = float(kIrradiance);
    sun.castsShadows = false;
    s.lights.push_back(sun);
    return s;
}

// Linear radiance of the center pixel (the tone curve is x - 0.04 between 0.08 and 0.76).
double centerRadiance(const FrameBuffers& fb) { return srgbToLinear(fb.rgb.at(80, 60, 1)) + 0.04; }

// Lambert's diffuse radiance under the sun without Fresnel (Burley's factor multiplies this) and
// the glTF mix's share of it (1 - F, dielectric F0 = 0.04), for V = the normal and L at
// kSunZenith: NdotV = 1, LdotH = VdotH = cos(zenith / 2).
double lambertDiffuse() { return kAlbedo / kPi * kIrradiance * std::cos(kSunZenith); }

double gltfFresnelShare() { return 1.0 - (0.04 + 0.96 * std::pow(1.0 - std::cos(kSunZenith / 2), 5.0)); }

double burleyFactor(double roughness) {
    double nDotL = std::cos(kSunZenith), lDotH = std::cos(kSunZenith / 2);
    double fd90 = 0.5 + 2.0 * roughness * lDotH * lDotH;
    return (1.0 + (fd90 - 1.0) * std::pow(1.0 - nDotL, 5.0)) * (1.0 + (fd90 - 1.0) * std::pow(0.0, 5.0));
}

// The change Burley's diffuse makes to the center pixel's radiance, measured and by the formula.
struct DiffuseChange {
    double measured, expected;
};

DiffuseChange burleyChange(float roughness) {
    Scene scene = plateUnderLowSun(roughness);
    Renderer renderer(validated());
    RenderSettings burley;
    burley.burleyDiffuse = true;
    double lambert = centerRadiance(renderer.render(scene)), withBurley = centerRadiance(renderer.render(scene, burley));
    requireCleanValidation(renderer);
    return {withBurley - lambert, (burleyFactor(roughness) - gltfFresnelShare()) * lambertDiffuse()};
}

}  // namespace

TEST_CASE("Burley's diffuse brightens a rough plate under a low sun by its formula's factor") {
    REQUIRE(burleyFactor(1.0) > 1.2);
    DiffuseChange c = burleyChange(1.0f);
    INFO("measured " << c.measured << ", formula " << c.expected);
    CHECK(c.measured == Approx(c.expected).margin(0.005));
}

TEST_CASE("Burley's diffuse darkens a smooth plate under a low sun by its formula's factor") {
    REQUIRE(burleyFactor(0.1) < 0.9);
    DiffuseChange c = burleyChange(0.1f);
    INFO("measured " << c.measured << ", formula " << c.expected);
    CHECK(c.measured == Approx(c.expected).margin(0.005));
}

namespace {

// Burley's factor for a viewer at NdotV, averaged over light from every direction of the hemisphere
// weighted by N.L (a uniform sky's irradiance), by a midpoint rule over the polar and azimuth angles.
double burleySkyMean(double nDotV, double roughness) {
    const int steps = 400;
    glm::dvec3 v(std::sqrt(1.0 - nDotV * nDotV), 0.0, nDotV);
    double sum = 0.0, weight = 0.0;
    for (int i = 0; i < steps; ++i)
        for (int j = 0; j < steps; ++j) {
            double theta = (i + 0.5) / steps * kPi / 2, phi = (j + 0.5) / steps * 2 * kPi;
            glm::dvec3 l(std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi), std::cos(theta));
            double lDotH = glm::length(l + v) / 2;  // cos of half the angle between L and V
            double fd90 = 0.5 + 2.0 * roughness * lDotH * lDotH;
            double f = (1.0 + (fd90 - 1.0) * std::pow(1.0 - l.z, 5.0)) * (1.0 + (fd90 - 1.0) * std::pow(1.0 - nDotV, 5.0));
            double w = l.z * std::sin(theta);  // N.L times the solid angle's sin(theta)
            sum += f * w;
            weight += w;
        }
    return sum / weight;
}

}  // namespace

TEST_CASE("Burley's diffuse changes a plate's sky light by the factor's mean over the sky") {
    // A rough plate turned 78.5 degrees from the camera (NdotV = 0.2) under a uniform sky of radiance
    // 0.5, no lights: its diffuse radiance is albedo x 0.5 times the mean factor; the specular
    // reflection of the sky is the same with the option and without.
    const double sky = 0.5, albedo = 0.5;
    Scene s = plateUnderSky(0.2, sky, greyMaterial(albedo, 1.0, 0.0));
    Renderer renderer(validated());
    RenderSettings burley;
    burley.burleyDiffuse = true;
    FrameBuffers lambert = renderer.render(s), withBurley = renderer.render(s, burley);
    REQUIRE(lambert.instanceId.at(80, 60) == 1);
    double mean = burleySkyMean(0.2, 1.0);
    REQUIRE(mean > 1.2);  // grazing and rough: the sky light grows by a fifth
    double measured = centerRadiance(withBurley) - centerRadiance(lambert), expected = (mean - 1.0) * albedo * sky;
    INFO("measured " << measured << ", expected " << expected << " (mean factor " << mean << ")");
    CHECK(measured == Approx(expected).margin(0.006));
    requireCleanValidation(renderer);
}

TEST_CASE("Burley's diffuse changes no label") {
    RenderSettings burley;
    burley.burleyDiffuse = true;
    checkChangesRgbOnly(plateUnderLowSun(1.0f), RenderSettings{}, burley);
}
