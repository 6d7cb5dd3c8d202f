// Burley's diffuse (RenderSettings::burleyDiffuse) against its formula (Burley 2012, "Physically
// Based Shading at Disney", written out here apart from the shader): a plate seen head-on under a
// sun 80 degrees from the zenith and a black sky, so the center pixel's radiance is the sun's
// diffuse and specular reflection alone, and only the diffuse changes with the option.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSunZenith = 80.0 * kPi / 180.0;
constexpr double kIrradiance = 6.0;  // W/m^2 facing the sun
constexpr double kAlbedo = 0.8;

Scene plateUnderLowSun(float roughness) {
    Scene s;
    s.camera = headOnCamera(161, 121, 200.0, 1.0);  // pixel (80, 60) looks straight down
    s.environment.color = glm::vec3(0.0f);
    Light sun;
    sun.direction = -glm::dvec3(std::sin(kSunZenith), 0.0, std::cos(kSunZenith));
    sun.intensity = float(kIrradiance);
    sun.castsShadows = false;
    s.lights.push_back(sun);
    auto m = std::make_shared<Material>();
    m->baseColor = glm::vec4(float(kAlbedo), float(kAlbedo), float(kAlbedo), 1.0f);
    m->roughness = roughness;
    m->metallic = 0.0f;
    s.objects.push_back(primitiveObject(plane(4, 4), glm::dmat4(1.0), m));
    return s;
}

// Linear radiance of the center pixel (the tone curve is x - 0.04 between 0.08 and 0.76).
double centerRadiance(const FrameBuffers& fb) { return srgbToLinear(fb.rgb.at(80, 60, 1)) + 0.04; }

// Lambert's diffuse radiance under the sun (with the glTF Fresnel mix) and Burley's factor on it,
// for V = the normal and L at kSunZenith: NdotV = 1, LdotH = cos(zenith / 2).
double lambertDiffuse() {
    double nDotL = std::cos(kSunZenith), vDotH = std::cos(kSunZenith / 2);
    double fresnel = 0.04 + 0.96 * std::pow(1.0 - vDotH, 5.0);
    return (1.0 - fresnel) * kAlbedo / kPi * kIrradiance * nDotL;
}

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
    return {withBurley - lambert, (burleyFactor(roughness) - 1.0) * lambertDiffuse()};
}

}  // namespace

TEST_CASE("Burley's diffuse brightens a rough plate under a low sun by its formula's factor") {
    REQUIRE(burleyFactor(1.0) > 1.2);
    DiffuseChange c = burleyChange(1.0f);
    INFO("measured " << c.measured << ", formula " << c.expected);
    CHECK(c.measured == Approx(c.expected).margin(0.012));
}

TEST_CASE("Burley's diffuse darkens a smooth plate under a low sun by its formula's factor") {
    REQUIRE(burleyFactor(0.1) < 0.9);
    DiffuseChange c = burleyChange(0.1f);
    INFO("measured " << c.measured << ", formula " << c.expected);
    CHECK(c.measured == Approx(c.expected).margin(0.012));
}

TEST_CASE("Burley's diffuse changes no label") {
    Scene scene = plateUnderLowSun(1.0f);
    Renderer renderer(validated());
    RenderSettings burley;
    burley.burleyDiffuse = true;
    FrameBuffers off = renderer.render(scene), on = renderer.render(scene, burley);
    CHECK(on.rgb.pixels != off.rgb.pixels);
    checkSameLabels(on, off);
    requireCleanValidation(renderer);
}
