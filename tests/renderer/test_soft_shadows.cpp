// Soft shadows against closed-form geometry: a thin rod's shadow lands where the sun ray through it
// meets the floor, a straight edge casts a straight penumbra a few pixels wide centred on the
// analytic shadow line, and a lit plane at a grazing angle shows no self-shadowing (acne).
#include "RenderTestUtil.h"
#include "renderer/Shadows.h"

using namespace sg;
using namespace sgtest;

namespace {

// A camera 3 m above a large grey floor looking straight down (image rows run along world y), so
// floor points and pixels map affinely. A flat sky keeps shadowed floor in the tone curve's
// linear part (PBR Neutral is x - 0.04 there), so pixel values are radiance up to an offset.
Scene floorScene(glm::dvec3 sunDirection, float sky) {
    Scene s;
    s.camera = lookingDown(320, 240, 300, 3.0);  // 1 px = 1 cm on the floor
    s.environment.color = glm::vec3(sky);
    s.objects.push_back(primitiveObject(plane(8, 8), glm::dmat4(1.0), matteGrey()));
    Light sun;
    sun.type = LightType::Directional;
    sun.direction = glm::normalize(sunDirection);
    sun.intensity = 3.0f;
    sun.castsShadows = true;
    s.lights.push_back(sun);
    return s;
}

double valueAt(const FrameBuffers& fb, int x, int y) { return srgbToLinear(fb.rgb.at(x, y, 1)); }

// Floor point (z = 0) seen at pixel (u, v) of the straight-down camera.
glm::dvec3 floorPointAt(const Scene& s, double u, double v) {
    glm::dvec3 c = pixelRay(s.camera.intrinsics, u, v) * 3.0;
    return glm::dvec3(glm::inverse(s.camera.worldToCamera) * glm::dvec4(c, 1.0));
}

glm::dvec2 pixelOf(const Scene& s, glm::dvec3 p) {
    return projectPinhole(s.camera.intrinsics, glm::dvec3(s.camera.worldToCamera * glm::dvec4(p, 1.0)));
}

// A 2 m square slab 2 cm thick at height 0.3 m whose +n edge passes through (-0.1, 0, 0.3), n
// turned 20 degrees from +x so the edge crosses pixel rows at a slant.
struct EdgeScene {
    Scene scene;
    glm::dvec3 shadowLinePoint, normal;  // the analytic shadow edge on the floor; n points to the lit side
};

EdgeScene edgeScene() {
    const double a = glm::radians(-20.0), height = 0.3;
    glm::dvec3 sun = glm::normalize(glm::dvec3(0.5, 0, -1));
    EdgeScene e{floorScene(sun, 0.3f), {}, {std::cos(a), std::sin(a), 0}};
    glm::dvec3 edgePoint(-0.1, 0, height);
    glm::dmat4 model = glm::translate(glm::dmat4(1.0), edgePoint - e.normal) * glm::rotate(glm::dmat4(1.0), a, glm::dvec3(0, 0, 1));
    e.scene.objects.push_back(primitiveObject(box({2, 2, 0.02}), model));
    // The sun comes from above the slab, so its top edge (z = 0.31) is the silhouette: the sun ray
    // grazing it meets z = 0 on the shadow line.
    glm::dvec3 topEdge = edgePoint + glm::dvec3(0, 0, 0.01);
    e.shadowLinePoint = topEdge + sun * (topEdge.z / -sun.z);
    return e;
}

struct EdgeProfile {
    double analyticU = 0, measuredU = 0;  // column where the shadow is half dark
    double width = 0;                     // 10 %..90 % rise, pixels
    double worstDip = 0;                  // largest decrease while walking towards the lit side
};

// Walks row v from 12 px inside the shadow to 12 px into the light.
EdgeProfile edgeProfile(const EdgeScene& e, const FrameBuffers& fb, int v) {
    EdgeProfile p;
    auto signedDistance = [&](double u) { return glm::dot(floorPointAt(e.scene, u, v) - e.shadowLinePoint, e.normal); };
    double d0 = signedDistance(0), d1 = signedDistance(1);
    p.analyticU = -d0 / (d1 - d0);
    int u0 = int(std::floor(p.analyticU)) - 12, u1 = u0 + 25;
    double dark = valueAt(fb, u0, v), lit = valueAt(fb, u1, v);
    std::vector<double> t;
    for (int u = u0; u <= u1; ++u) {
        REQUIRE(fb.instanceId.at(u, v) == 1);  // floor, not the slab
        t.push_back((valueAt(fb, u, v) - dark) / (lit - dark));
    }
    auto crossing = [&](double level) {
        for (size_t i = 1; i < t.size(); ++i)
            if (t[i - 1] < level && t[i] >= level) return u0 + (i - 1) + (level - t[i - 1]) / (t[i] - t[i - 1]);
        return 1e9;
    };
    p.measuredU = crossing(0.5);
    p.width = crossing(0.9) - crossing(0.1);
    for (size_t i = 1; i < t.size(); ++i) p.worstDip = std::max(p.worstDip, t[i - 1] - t[i]);
    return p;
}

}  // namespace

TEST_CASE("a 1 cm rod above the floor casts its shadow where the sun ray through it meets the floor") {
    glm::dvec3 sun = glm::normalize(glm::dvec3(0.4, 0, -1));
    Scene scene = floorScene(sun, 0.3f);
    glm::dvec3 rodCenter(-0.2, 0, 0.5);
    scene.objects.push_back(primitiveObject(box({0.01, 1.0, 0.01}), glm::translate(glm::dmat4(1.0), rodCenter)));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);

    // Analytic shadow line: x = rod x + 0.4 * 0.5 on the floor, along y.
    glm::dvec3 shadowCenter = rodCenter + sun * (rodCenter.z / -sun.z);
    glm::dvec2 s = pixelOf(scene, shadowCenter);
    int v = int(std::lround(s.y)) + 20;  // 20 cm along the rod from its middle
    int darkestU = -1;
    double darkest = 1e9, lit = valueAt(fb, int(std::lround(s.x)) + 30, v);
    for (int u = int(s.x) - 10; u <= int(s.x) + 10; ++u) {
        REQUIRE(fb.instanceId.at(u, v) == 1);
        if (valueAt(fb, u, v) < darkest) darkest = valueAt(fb, u, v), darkestU = u;
    }
    // Sky alone is 0.5 * 0.3 = 0.15 radiance; the sun adds 0.5 / pi * 3 * cos = 0.44. A fully
    // covered texel would drop to the sky; the 1 cm rod covers part of the filter kernel.
    INFO("shadow expected at u = " << s.x << ", darkest " << darkest << " at u = " << darkestU << ", lit " << lit);
    CHECK(std::abs(darkestU - s.x) <= 1.5);
    CHECK(darkest < lit - 0.25 * 0.44);
    CHECK(lit == Approx(0.15 + 0.5 / 3.14159265 * 3.0 * -sun.z - 0.04).epsilon(0.05));
    requireCleanValidation(renderer);
}

TEST_CASE("a straight edge's shadow is a smooth penumbra centred on the analytic shadow line") {
    EdgeScene e = edgeScene();
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(e.scene);
    for (int v = 70; v <= 170; v += 5) {
        EdgeProfile p = edgeProfile(e, fb, v);
        INFO("row " << v << ": analytic u " << p.analyticU << ", measured " << p.measuredU << ", width " << p.width << ", dip "
                    << p.worstDip);
        CHECK(std::abs(p.measuredU - p.analyticU) < 1.0);  // no stair steps
        CHECK(p.width > 1.5);                              // a penumbra, not a hard step
        CHECK(p.width < 8.0);
        CHECK(p.worstDip < 0.1);  // monotonic up to the per-pixel filter noise
    }
    requireCleanValidation(renderer);
}

TEST_CASE("one filter tap gives a narrower penumbra than the default filter") {
    EdgeScene e = edgeScene();
    Renderer renderer(validated());
    RenderSettings hard;
    hard.shadowFilterTaps = 1;
    FrameBuffers soft = renderer.render(e.scene), sharp = renderer.render(e.scene, hard);
    EdgeProfile ps = edgeProfile(e, soft, 120), ph = edgeProfile(e, sharp, 120);
    INFO("soft width " << ps.width << ", one tap " << ph.width);
    CHECK(ph.width < 0.7 * ps.width);
    requireCleanValidation(renderer);
}

TEST_CASE("a plane lit at a grazing angle with nothing above it is not shadowed by itself") {
    const double angle = glm::radians(80.0);
    Scene shadowed = floorScene({std::sin(angle), 0, -std::cos(angle)}, 0.0f);
    shadowed.lights[0].intensity = 15.0f;
    Scene unshadowed = shadowed;
    unshadowed.lights[0].castsShadows = false;
    Renderer renderer(validated());
    FrameBuffers a = renderer.render(shadowed), b = renderer.render(unshadowed);
    int differing = 0, maxDiff = 0;
    for (int y = 0; y < a.rgb.height; ++y)
        for (int x = 0; x < a.rgb.width; ++x) {
            int d = std::abs(int(a.rgb.at(x, y, 1)) - int(b.rgb.at(x, y, 1)));
            maxDiff = std::max(maxDiff, d);
            differing += d > 0;
        }
    INFO("pixels differing: " << differing << ", largest difference " << maxDiff << " (lit value " << int(b.rgb.at(160, 120, 1))
                              << ")");
    CHECK(b.rgb.at(160, 120, 1) > 60);
    CHECK(maxDiff <= 1);
    requireCleanValidation(renderer);
}

TEST_CASE("soft shadows are deterministic and leave labels untouched") {
    EdgeScene e = edgeScene();
    Renderer renderer(validated());
    RenderSettings hard, wide;
    hard.shadowFilterTaps = 1;
    wide.shadowFilterTaps = 16;
    wide.shadowFilterRadius = 3.0f;
    wide.shadowResolutionScale = 2.0f;
    FrameBuffers first = renderer.render(e.scene), second = renderer.render(e.scene);
    FrameBuffers one = renderer.render(e.scene, hard), many = renderer.render(e.scene, wide);
    CHECK(first.rgb.pixels == second.rgb.pixels);
    CHECK(one.rgb.pixels != many.rgb.pixels);
    for (const FrameBuffers* other : {&second, &one, &many}) checkSameLabels(*other, first);
    requireCleanValidation(renderer);
}

// The tap count is compiled into the shader (a specialization constant): a renderer must not reuse
// the pipeline of another count.
TEST_CASE("a renderer that drew 16-tap shadows draws 4-tap shadows as a fresh renderer does") {
    EdgeScene e = edgeScene();
    RenderSettings four, sixteen;
    four.shadowFilterTaps = 4;
    sixteen.shadowFilterTaps = 16;
    Renderer used(validated()), fresh(validated());
    FrameBuffers many = used.render(e.scene, sixteen), few = used.render(e.scene, four);
    FrameBuffers reference = fresh.render(e.scene, four);
    CHECK(few.rgb.pixels == reference.rgb.pixels);
    CHECK(few.rgb.pixels != many.rgb.pixels);  // the penumbra's noise differs, so a reused pipeline would show
    requireCleanValidation(used);
    requireCleanValidation(fresh);
}

TEST_CASE("a directional light's view covers the part of the floor the camera sees, not the whole floor") {
    Scene scene = floorScene({0, 0, -1}, 0.0f);
    // The 8 m floor is flat (z = 0); the frame's edges meet it 1.6 m and 1.2 m from the center.
    vk::ShadowBounds b = vk::visibleShadowBounds(scene.camera, {-4, -4, 0}, {4, 4, 0});
    CHECK(b.visibleMin.x == Approx(-1.6).margin(1e-9));
    CHECK(b.visibleMax.x == Approx(1.6).margin(1e-9));
    CHECK(b.visibleMin.y == Approx(-1.2).margin(1e-9));
    CHECK(b.visibleMax.y == Approx(1.2).margin(1e-9));
    CHECK(b.sceneMin == glm::dvec3(-4, -4, 0));
    // The ortho view maps the visible sphere (radius 2 m) onto clip [-1, 1]: its x scale is 1 / 2.
    vk::ShadowPlan plan = vk::planShadows(scene.lights, b, 512, 8, 16);
    REQUIRE(plan.views.size() == 1);
    CHECK(glm::length(glm::dvec3(plan.views[0][0][0], plan.views[0][1][0], plan.views[0][2][0])) == Approx(0.5).epsilon(1e-5));
    // A camera looking away from the scene sees none of it: the whole scene is kept.
    scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({0, 0, 3}, {0, 0, 6}, {0, 1, 0}));
    vk::ShadowBounds away = vk::visibleShadowBounds(scene.camera, {-4, -4, 0}, {4, 4, 0});
    CHECK(away.visibleMin == glm::dvec3(-4, -4, 0));
    CHECK(away.visibleMax == glm::dvec3(4, 4, 0));
}

TEST_CASE("the shadow resolution scale rounds to a power of two within 256..4096") {
    CHECK(vk::scaledShadowResolution(512, 1.0f) == 512);
    CHECK(vk::scaledShadowResolution(512, 2.0f) == 1024);
    CHECK(vk::scaledShadowResolution(512, 0.5f) == 256);
    CHECK(vk::scaledShadowResolution(512, 0.1f) == 256);
    CHECK(vk::scaledShadowResolution(2048, 4.0f) == 4096);
    CHECK(vk::scaledShadowResolution(1024, 1.2f) == 1024);
    CHECK(vk::scaledShadowResolution(1024, std::nanf("")) == 1024);
}
