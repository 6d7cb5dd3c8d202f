// One-bounce light from the sun (RenderSettings::bounceSamples, renderer/BounceLight.h) against the
// radiative-transfer integral, solved here in closed form: a white box hangs above a red floor under
// a sun straight overhead and a black sky. Its underside gets no direct or sky light, only what the
// lit floor reflects up: E = E_sun * a_floor * F, F being the view factor of the lit floor (a disk of
// the gather radius, less the box's square shadow) from the underside's centre. Its own lit top is
// in the light's map too, right above: none of its light may reach the underside. A camera below
// the floor (one-sided, so it sees through it) looks straight up at that centre.
#include "RenderTestUtil.h"
#include "renderer/BounceLight.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSunIrradiance = 1.5;  // W/m^2
constexpr double kFloorRed = 1.0;       // the floor's albedo: (1, 0, 0)
constexpr double kBoxAlbedo = 0.8;
constexpr double kBoxSide = 0.1;    // m
constexpr double kBoxHeight = 0.2;  // m, floor to underside
constexpr float kGatherRadius = 1.0f;

std::shared_ptr<Material> matte(glm::vec3 color) {
    auto m = std::make_shared<Material>();
    m->baseColor = glm::vec4(color, 1.0f);
    m->metallic = 0.0f;
    m->roughness = 1.0f;
    return m;
}

Scene boxAboveRedFloor() {
    Scene s;
    // 2 m below the floor looking up (+Z): camera x = world +X, y = world +Y, z = world +Z.
    Intrinsics& K = s.camera.intrinsics;
    K.width = 161;
    K.height = 121;
    K.fx = K.fy = 100.0;
    K.cx = 80.0;
    K.cy = 60.0;
    glm::dmat4 cameraToWorld(1.0);
    cameraToWorld[3] = glm::dvec4(0, 0, -2, 1);
    s.camera.worldToCamera = glm::inverse(cameraToWorld);
    s.environment.color = glm::vec3(0.0f);
    Light sun;
    sun.direction = glm::dvec3(0, 0, -1);
    sun.intensity = float(kSunIrradiance);
    s.lights.push_back(sun);
    s.objects.push_back(primitiveObject(plane(6, 6), glm::dmat4(1.0), matte({float(kFloorRed), 0.0f, 0.0f})));
    glm::dmat4 boxPlace = glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, kBoxHeight + kBoxSide / 2));
    s.objects.push_back(primitiveObject(box(glm::dvec3(kBoxSide)), boxPlace, matte(glm::vec3(float(kBoxAlbedo)))));
    return s;
}

// View factor from a downward-facing point at height h to a rectangle in the floor plane with one
// corner below the point and sides x, y (the standard corner formula).
double cornerViewFactor(double x, double y, double h) {
    double X = x / h, Y = y / h;
    return (X / std::sqrt(1 + X * X) * std::atan(Y / std::sqrt(1 + X * X)) +
            Y / std::sqrt(1 + Y * Y) * std::atan(X / std::sqrt(1 + Y * Y))) /
           (2 * kPi);
}

// The underside centre's view factor of the lit floor: the disk of the gather radius (R^2 / (R^2 +
// h^2)) less the box's shadow, four corner rectangles of half the box's side.
double litFloorViewFactor() {
    double R = kGatherRadius, h = kBoxHeight;
    return R * R / (R * R + h * h) - 4 * cornerViewFactor(kBoxSide / 2, kBoxSide / 2, h);
}

RenderSettings withBounce(int samples) {
    RenderSettings s;
    s.bounceSamples = samples;
    s.bounceRadius = kGatherRadius;
    return s;
}

}  // namespace

TEST_CASE("bounce light from a red floor lights a box's underside by the view-factor integral, in red only") {
    // In red only: the floor's colour bleeds onto the white box, and the box's own white top adds nothing.
    Scene scene = boxAboveRedFloor();
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene, withBounce(20));  // the `high` preset's count
    requireCleanValidation(renderer);
    REQUIRE(fb.instanceId.at(80, 60) == 2u);  // the centre pixel sees the box
    // Radiance of a Lambertian surface: albedo / pi * irradiance; below 0.76 the tone curve of a colour
    // with a zero channel is the identity.
    double expected = kBoxAlbedo / kPi * kSunIrradiance * kFloorRed * litFloorViewFactor();
    double measured = srgbToLinear(fb.rgb.at(80, 60, 0));
    INFO("measured " << measured << ", integral " << expected << " (view factor " << litFloorViewFactor() << ")");
    REQUIRE(expected < 0.76);
    CHECK(measured == Approx(expected).epsilon(0.04));
    CHECK(fb.rgb.at(80, 60, 1) == 0);  // colour bleeding: the floor reflects red only
    CHECK(fb.rgb.at(80, 60, 2) == 0);
}

TEST_CASE("a textured floor bounces the mean of its texture, in linear light") {
    // A red and black checker (sRGB 255 and 0): half the red albedo on average, so half the light.
    auto checker = std::make_shared<Texture>();
    checker->source = "<red-black checker>";
    checker->image = ImageU8(2, 2, 4);
    checker->image.pixels = {255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 0, 255};
    auto floor = matte(glm::vec3(1.0f));
    floor->baseColorTexture = checker;
    Scene scene = boxAboveRedFloor();
    scene.objects[0].parts[0].material = floor;
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene, withBounce(20));
    requireCleanValidation(renderer);
    double expected = 0.5 * kBoxAlbedo / kPi * kSunIrradiance * kFloorRed * litFloorViewFactor();
    double measured = srgbToLinear(fb.rgb.at(80, 60, 0));
    INFO("measured " << measured << ", integral " << expected);
    CHECK(measured == Approx(expected).epsilon(0.04));
    CHECK(fb.rgb.at(80, 60, 1) == 0);
    CHECK(fb.rgb.at(80, 60, 2) == 0);
}

TEST_CASE("without bounce light the box's underside under a black sky is black") {
    Scene scene = boxAboveRedFloor();
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene, withBounce(0));
    requireCleanValidation(renderer);
    REQUIRE(fb.instanceId.at(80, 60) == 2u);
    for (int c = 0; c < 3; ++c) CHECK(fb.rgb.at(80, 60, c) == 0);
}

TEST_CASE("bounce light changes no label") { checkChangesRgbOnly(boxAboveRedFloor(), withBounce(0), withBounce(20)); }

TEST_CASE("a box's face turned away from a low sun gets no more than half the lit floor's light") {
    // A box 0.3 m tall stands on the red floor, the sun 50 degrees from the zenith. The face turned
    // away from it gets no direct or sky light, only the floor's, and a vertical face sees half the
    // floor at most (view factor 1/2 of a half-plane): its radiance stays below a_box / pi * E_sun *
    // cos 50 * a_floor / 2 everywhere. Emitters blended across the edge of the box's lit top float in
    // the air beside that face and broke this bound twofold along a line below its top edge.
    // Gathered at every pixel and at a quarter of the resolution (RenderSettings::indirectDownsample).
    const int downsample = GENERATE(1, 4);
    Scene scene = boxAboveRedFloor();
    const double side = 0.3, tilt = 50.0 * kPi / 180.0;
    scene.lights[0].direction = glm::dvec3(-std::sin(tilt), 0, -std::cos(tilt));  // travelling towards -X
    scene.objects[1] = primitiveObject(box(glm::dvec3(side)), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, side / 2)),
                                       matte(glm::vec3(float(kBoxAlbedo))));
    // Level with the box's middle, 2 m away along -X, looking at its -X face (and not at its top).
    scene.camera.intrinsics.fx = scene.camera.intrinsics.fy = 400.0;
    scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({-2, 0, side / 2}, {0, 0, side / 2}, {0, 0, 1}));
    Renderer renderer(validated());
    RenderSettings settings = withBounce(20);
    settings.indirectDownsample = downsample;
    FrameBuffers fb = renderer.render(scene, settings);
    requireCleanValidation(renderer);
    const double bound = kBoxAlbedo / kPi * kSunIrradiance * std::cos(tilt) * kFloorRed * 0.5;
    int facePixels = 0;
    double brightest = 0;
    for (int y = 0; y < fb.instanceId.height; ++y)
        for (int x = 0; x < fb.instanceId.width; ++x) {
            if (fb.instanceId.at(x, y) != 2u) continue;
            ++facePixels;
            brightest = std::max(brightest, srgbToLinear(fb.rgb.at(x, y, 0)));
        }
    INFO("indirect downsample " << downsample << ": face pixels " << facePixels << ", brightest red " << brightest << ", bound "
                                << bound);
    REQUIRE(facePixels > 3000);  // about 65 x 65
    CHECK(brightest > 0.5 * bound);
    CHECK(brightest < bound);
}

TEST_CASE("the bounce spiral's points lie in its disk and stand for all of it") {
    const float radius = 0.7f;
    std::vector<glm::vec3> points = vk::bounceSpiral(32, radius);
    REQUIRE(points.size() == 32);
    double area = 0, previousDistance = -1;
    for (const glm::vec3& p : points) {
        double distance = std::hypot(p.x, p.y);
        CHECK(distance < radius);
        CHECK(distance > previousDistance);  // from the centre outwards
        CHECK(p.z > 0.0f);
        previousDistance = distance;
        area += p.z;
    }
    CHECK(area == Approx(kPi * radius * radius).epsilon(1e-5));
}

TEST_CASE("only a directional light that casts shadows bounces light") {
    Light sun, lamp;
    lamp.type = LightType::Point;
    vk::ShadowPlan shadows;
    shadows.views = {glm::mat4(1.0f), glm::mat4(1.0f)};
    shadows.firstLayer = {-1, 0, 1};  // a sun without shadows, a lamp, a sun with them
    std::vector<Light> lights = {sun, lamp, sun};
    CHECK(vk::planBounce(lights, shadows, 32, 1.0f).light == 2);
    CHECK(vk::planBounce({sun, lamp}, shadows, 32, 1.0f).light == -1);
    CHECK(vk::planBounce(lights, shadows, 0, 1.0f).light == -1);
    CHECK(vk::planBounce(lights, shadows, 32, 0.0f).light == -1);
}
