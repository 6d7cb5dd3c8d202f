// One-bounce light (RenderSettings::bounceSamples, renderer/BounceLight.h) against the
// radiative-transfer integral: a white box hangs above a red floor under a black sky. Its underside
// gets no direct or sky light, only what the lit floor reflects up. Under a sun straight overhead
// that is E = E_sun * a_floor * F, F being the view factor of the lit floor (a disk of the gather
// radius, less the box's square shadow) from the underside's centre, in closed form; under a point
// or spot light the floor's radiance varies, and the integral is taken numerically. The box's own lit
// top is in the light's map too, right above: none of its light may reach the underside. A camera
// below the floor (one-sided, so it sees through it) looks straight up at that centre.
#include "RenderTestUtil.h"
#include "renderer/BounceLight.h"

#include <array>

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

namespace {

// The same box and floor under a point or spot light of kLampIntensity W/sr shining down.
constexpr double kLampIntensity = 1.5;  // W/sr

struct Lamp {
    LightType type = LightType::Point;
    glm::dvec3 position{0, 0, 1};
    double innerAngle = 0.0, outerAngle = kPi;  // a spot's cone
};

Scene boxUnderLamps(const std::vector<Lamp>& lamps) {
    Scene scene = boxAboveRedFloor();
    scene.lights.clear();
    for (const Lamp& lamp : lamps) {
        Light light;
        light.type = lamp.type;
        light.position = lamp.position;
        light.direction = glm::dvec3(0, 0, -1);
        light.intensity = float(kLampIntensity);
        light.innerConeAngle = float(lamp.innerAngle);
        light.outerConeAngle = float(lamp.outerAngle);
        scene.lights.push_back(light);
    }
    return scene;
}

// Whether the segment from `from` to `to` (both outside the box) passes through the box.
bool segmentHitsBox(glm::dvec3 from, glm::dvec3 to) {
    const glm::dvec3 centre(0, 0, kBoxHeight + kBoxSide / 2);
    const auto hit = rayBox(from - centre, to - from, glm::dvec3(kBoxSide / 2));
    return hit && hit->first < 1.0;
}

// Irradiance on the box's underside centre P (height h, facing down) from the red floor the lamp
// lights, by quadrature over the floor: a point F there has radiance a_floor / pi * I * falloff *
// cos / |F - lamp|^2 (a spot's falloff linear in the cosine between its cones, as glTF specifies;
// none where the box shadows F) and reaches P with weight cos * cos / d^2 = h^2 / |P - F|^4. The
// gather covers the lamp's rays through a disk of the gather radius around P, across the lamp's ray
// to P.
double lampBounceIrradiance(const Lamp& lamp) {
    const glm::dvec3 P(0, 0, kBoxHeight);
    const double toP = glm::length(P - lamp.position);
    const glm::dvec3 ray = (P - lamp.position) / toP;
    const double cosInner = std::cos(lamp.innerAngle), cosOuter = std::cos(lamp.outerAngle);
    const double half = 2.0, h = kBoxHeight;  // the disk's rays meet the floor within 2 m of the origin
    const int n = 3000;
    const double step = 2 * half / n;
    double sum = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const glm::dvec3 F(-half + (i + 0.5) * step, -half + (j + 0.5) * step, 0.0);
            const glm::dvec3 v = F - lamp.position;
            const glm::dvec3 Q = lamp.position + v * (toP / glm::dot(v, ray));  // where F's ray crosses the disk's plane
            if (glm::length(Q - P) > kGatherRadius || segmentHitsBox(F, lamp.position)) continue;
            const double distance2 = glm::dot(v, v), cosine = -v.z / std::sqrt(distance2);
            const double falloff = lamp.type == LightType::Point ? 1.0
                                                                 : std::clamp((cosine - cosOuter) / (cosInner - cosOuter), 0.0, 1.0);
            const double floorRadiance = kFloorRed / kPi * kLampIntensity * falloff * cosine / distance2;
            const double d2 = glm::dot(P - F, P - F);
            sum += floorRadiance * h * h / (d2 * d2) * step * step;
        }
    return sum;
}

// Under several lamps the irradiance is the sum of each one's integral.
void checkLampBounce(const std::vector<Lamp>& lamps, double tolerance = 0.04) {
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(boxUnderLamps(lamps), withBounce(20));  // the `high` preset's count
    requireCleanValidation(renderer);
    REQUIRE(fb.instanceId.at(80, 60) == 2u);
    double expected = 0;
    for (const Lamp& lamp : lamps) expected += kBoxAlbedo / kPi * lampBounceIrradiance(lamp);
    double measured = srgbToLinear(fb.rgb.at(80, 60, 0));
    INFO("measured " << measured << ", integral " << expected << ", green " << int(fb.rgb.at(80, 60, 1)) << ", blue "
                     << int(fb.rgb.at(80, 60, 2)));
    REQUIRE(expected < 0.76);
    CHECK(measured == Approx(expected).epsilon(tolerance));
    CHECK(fb.rgb.at(80, 60, 1) == 0);
    CHECK(fb.rgb.at(80, 60, 2) == 0);
}

}  // namespace

TEST_CASE("bounce light from a floor under a point light lights a box's underside by the integral") {
    // Off to one side of the box and 1 m up: the floor's part in the gather spans five of the light's
    // cube faces, and the box's shadow on it is lopsided, so a face read mirrored or turned misplaces it.
    Lamp lamp;
    lamp.position = {0.35, 0.15, 1.0};
    checkLampBounce({lamp});
}

TEST_CASE("two lamps alike on either side bounce twice one's light through one's map") {
    // The second lamp, turned half a turn about the box, lights the floor its twin's shadow darkens.
    Lamp lamp, twin;
    lamp.position = {0.35, 0.15, 1.0};
    twin.position = {-0.35, -0.15, 1.0};
    checkLampBounce({lamp, twin});
}

TEST_CASE("a lamp just above a box bounces the floor's light onto its underside, not its top's") {
    // 20 cm above the box's top, which it lights six times as brightly as the floor 50 cm below it.
    // The coarse mip levels must not average top and floor into emitters between them, below the
    // underside: that made it 35 % too bright and grey. What is left is the 20-tap estimate's error.
    Lamp lamp;
    lamp.position = {0.0, 0.0, kBoxHeight + kBoxSide + 0.2};
    checkLampBounce({lamp}, 0.08);
}

TEST_CASE("a spot light bounces only the light its cone puts on the floor") {
    // Straight above the box, full intensity within 30 degrees of straight down, none beyond 50
    // (1.19 m out on the floor).
    Lamp lamp;
    lamp.type = LightType::Spot;
    lamp.innerAngle = 30.0 * kPi / 180.0;
    lamp.outerAngle = 50.0 * kPi / 180.0;
    checkLampBounce({lamp});
}

TEST_CASE("a point light's bounce light changes no label") {
    checkChangesRgbOnly(boxUnderLamps({Lamp{}}), withBounce(0), withBounce(20));
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

TEST_CASE("a cube face's view looks along its axis over 90 degrees, depth 0 at near and 1 at far") {
    const glm::dvec3 light(0.5, -1.0, 2.0);
    for (int face = 0; face < 6; ++face) {
        glm::dvec3 axis(0.0);
        axis[face / 2] = face % 2 ? -1.0 : 1.0;
        glm::dvec3 right(0.0), down(0.0);  // the rule in renderer/BounceLight.h
        right[(face / 2 + 1) % 3] = 1.0;
        down[(face / 2 + 2) % 3] = 1.0;
        const glm::mat4 toClip = vk::cubeFaceToClip(face, light, 0.1, 10.0);
        auto ndc = [&](glm::dvec3 p) {
            glm::vec4 c = toClip * glm::vec4(glm::vec3(p), 1.0f);
            return glm::dvec3(c) / double(c.w);
        };
        INFO("face " << face);
        CHECK(ndc(light + 0.1 * axis).z == Approx(0.0).margin(1e-5));
        CHECK(ndc(light + 10.0 * axis).z == Approx(1.0).margin(1e-5));
        glm::dvec3 centre = ndc(light + 3.0 * axis);
        CHECK(centre.x == Approx(0.0).margin(1e-6));
        CHECK(centre.y == Approx(0.0).margin(1e-6));
        glm::dvec3 edge = ndc(light + 3.0 * axis + 3.0 * right - 1.5 * down);  // 45 degrees right, half-way up
        CHECK(edge.x == Approx(1.0).epsilon(1e-5));
        CHECK(edge.y == Approx(-0.5).epsilon(1e-5));
    }
}

TEST_CASE("a spot light's cube atlas keeps every face its cone reaches and drops those a narrow cone misses") {
    // Directions sampled over the cone: the face each lands in is its largest coordinate's axis.
    const double cone = 0.6;  // radians
    const glm::dvec3 axis = glm::normalize(glm::dvec3(0.3, -0.5, -1.0));
    const glm::dvec3 u = glm::normalize(glm::cross(axis, glm::dvec3(1, 0, 0))), v = glm::cross(axis, u);
    std::array<bool, 6> reached{};
    for (int i = 0; i <= 40; ++i)
        for (int j = 0; j < 72; ++j) {
            double theta = cone * i / 40.0, phi = 2 * kPi * j / 72.0;
            glm::dvec3 d = std::cos(theta) * axis + std::sin(theta) * (std::cos(phi) * u + std::sin(phi) * v);
            glm::dvec3 a = glm::abs(d);
            int k = a.x >= a.y && a.x >= a.z ? 0 : a.y >= a.z ? 1 : 2;
            reached[size_t(2 * k + (d[k] < 0 ? 1 : 0))] = true;
        }
    for (int face = 0; face < 6; ++face)
        if (reached[size_t(face)]) CHECK(vk::spotReachesCubeFace(face, axis, cone));
    CHECK(std::count(reached.begin(), reached.end(), true) >= 2);
    // A cone of 30 degrees straight down lies within the -Z face: no other face is drawn.
    for (int face = 0; face < 6; ++face) CHECK(vk::spotReachesCubeFace(face, {0, 0, -1}, 30.0 * kPi / 180.0) == (face == 5));
    Light spot, point;
    spot.type = LightType::Spot;
    spot.outerConeAngle = spot.innerConeAngle = float(30.0 * kPi / 180.0);
    point.type = LightType::Point;
    vk::ShadowPlan shadows;
    shadows.views = {glm::mat4(1.0f)};
    shadows.firstLayer = {0};
    const glm::dvec3 lo(-1.0), hi(1.0);
    const vk::BouncePlan spotPlan = vk::planBounce({spot}, shadows, 20, 1.0f, lo, hi),
                         pointPlan = vk::planBounce({point}, shadows, 20, 1.0f, lo, hi);
    for (int face = 0; face < 6; ++face) {
        CHECK(spotPlan.faceLit[size_t(face)] == (face == 5));
        CHECK(pointPlan.faceLit[size_t(face)]);
    }
}

TEST_CASE("the light that lights the scene's middle most bounces, given the others' light at that middle too") {
    // The scene spans -1..1 on each axis: its middle is the origin.
    const glm::dvec3 lo(-1.0), hi(1.0);
    Light dimSun, sun, far, near, turnedAway;
    dimSun.intensity = 1.0f;
    sun.intensity = 3.0f;
    far.type = near.type = LightType::Point;
    far.position = {0, 0, 4};   // 10 / 16 W/m^2 at the middle
    near.position = {0, 0, 2};  // 10 / 4
    near.intensity = far.intensity = 10.0f;
    near.color = {1.0f, 0.5f, 0.25f};
    turnedAway.type = LightType::Spot;
    turnedAway.position = {0, 0, 1};
    turnedAway.direction = {0, 0, 1};  // its cone looks away from the middle
    turnedAway.intensity = 1000.0f;
    vk::ShadowPlan shadows;
    shadows.views.assign(5, glm::mat4(1.0f));
    shadows.firstLayer = {0, 1, 2, 3, 4};
    CHECK(vk::planBounce({dimSun, sun, far}, shadows, 32, 1.0f, lo, hi).light == 1);
    CHECK(vk::planBounce({turnedAway, far, near}, shadows, 32, 1.0f, lo, hi).light == 2);
    // A lamp over a table outshines a dim sun through the window: its map, the sun's light added as
    // 1 W/m^2 in 10 / 4 W/m^2 (from 10 W/sr at 2 m) would be: 4 W/sr more.
    vk::BouncePlan lampPlan = vk::planBounce({dimSun, near}, shadows, 32, 1.0f, lo, hi);
    CHECK(lampPlan.light == 1);
    CHECK(lampPlan.cubeAtlas);
    CHECK(lampPlan.color.r == Approx(10.0f + 4.0f));
    CHECK(lampPlan.color.g == Approx(5.0f + 4.0f));
    CHECK(lampPlan.color.b == Approx(2.5f + 4.0f));
    vk::BouncePlan sunPlan = vk::planBounce({sun, far}, shadows, 32, 1.0f, lo, hi);
    CHECK_FALSE(sunPlan.cubeAtlas);
    CHECK(sunPlan.color.g == Approx(3.0f + 10.0f / 16.0f));
    shadows.firstLayer = {-1, 0, -1};  // only the far lamp casts shadows, and only it bounces
    vk::BouncePlan farPlan = vk::planBounce({sun, far, near}, shadows, 32, 1.0f, lo, hi);
    CHECK(farPlan.light == 1);
    CHECK(farPlan.color.g == Approx(10.0f));
    shadows.firstLayer = {-1, -1};
    CHECK(vk::planBounce({sun, near}, shadows, 32, 1.0f, lo, hi).light == -1);
    shadows.firstLayer = {0, 1};
    CHECK(vk::planBounce({sun, near}, shadows, 0, 1.0f, lo, hi).light == -1);
    CHECK(vk::planBounce({sun, near}, shadows, 32, 0.0f, lo, hi).light == -1);
}
