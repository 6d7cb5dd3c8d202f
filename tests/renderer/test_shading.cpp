// Shading sanity against analytic expectations: Lambert's cosine law and shadows.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

// Looks straight down at a large grey plane; black environment, one directional light.
Scene planeScene(glm::dvec3 lightDirection, bool shadows) {
    Scene s;
    s.camera.intrinsics.width = 160;
    s.camera.intrinsics.height = 120;
    s.camera.intrinsics.fx = s.camera.intrinsics.fy = 150;
    s.camera.intrinsics.cx = 79.5;
    s.camera.intrinsics.cy = 59.5;
    s.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({0, 0, 3}, {0, 0, 0}, {0, 1, 0}));
    s.environment.color = glm::vec3(0.0f);
    auto grey = std::make_shared<Material>();
    grey->baseColor = glm::vec4(0.5f, 0.5f, 0.5f, 1.0f);
    grey->roughness = 1.0f;
    grey->metallic = 0.0f;
    s.objects.push_back(primitiveObject(plane(8, 8), glm::dmat4(1.0), grey));
    Light sun;
    sun.type = LightType::Directional;
    sun.direction = lightDirection;
    sun.intensity = 4.5f;
    sun.castsShadows = shadows;
    s.lights.push_back(sun);
    return s;
}

// Linear radiance before tone mapping, from an sRGB byte: PBR Neutral is x - 0.04 for 0.08 < x < 0.76.
double radianceAt(const FrameBuffers& fb, int x, int y) { return srgbToLinear(fb.rgb.at(x, y, 1)) + 0.04; }

}  // namespace

TEST_CASE("a Lambertian plane lit at 60 degrees is cos(60) as bright as lit head-on") {
    Renderer renderer(validated());
    FrameBuffers headOn = renderer.render(planeScene({0, 0, -1}, false));
    FrameBuffers slanted = renderer.render(planeScene({std::sin(1.0471975511965976), 0, -std::cos(1.0471975511965976)}, false));
    double a = radianceAt(headOn, 80, 60), b = radianceAt(slanted, 80, 60);
    INFO("head-on " << a << ", at 60 degrees " << b);
    REQUIRE(headOn.instanceId.at(80, 60) == 1);
    CHECK(a > 0.3);
    CHECK(b / a == Approx(0.5).epsilon(0.03));
    // Grey stays grey: the three channels agree.
    CHECK(headOn.rgb.at(80, 60, 0) == headOn.rgb.at(80, 60, 2));
    requireCleanValidation(renderer);
}

TEST_CASE("a box between a directional light and the floor casts a shadow where the light ray is blocked") {
    glm::dvec3 dir = glm::normalize(glm::dvec3(1, 0, -1));
    Scene scene = planeScene(dir, true);
    glm::dvec3 boxCenter(0, 0, 0.6);
    scene.objects.push_back(primitiveObject(box({0.3, 0.3, 0.3}), glm::translate(glm::dmat4(1.0), boxCenter)));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);

    // The shadow of the box center falls where the light ray through it meets z = 0.
    glm::dvec3 shadowPoint = boxCenter + dir * (boxCenter.z / -dir.z);
    glm::dvec3 litPoint(-0.6, 0.5, 0);
    const Intrinsics& K = scene.camera.intrinsics;
    auto pixelOf = [&](glm::dvec3 p) {
        glm::dvec2 uv = projectPinhole(K, glm::dvec3(scene.camera.worldToCamera * glm::dvec4(p, 1)));
        return glm::ivec2(int(std::lround(uv.x)), int(std::lround(uv.y)));
    };
    glm::ivec2 s = pixelOf(shadowPoint), l = pixelOf(litPoint);
    REQUIRE(fb.instanceId.at(s.x, s.y) == 1);  // the floor is visible there, not the box
    REQUIRE(fb.instanceId.at(l.x, l.y) == 1);
    double shadowed = srgbToLinear(fb.rgb.at(s.x, s.y, 1)), lit = srgbToLinear(fb.rgb.at(l.x, l.y, 1));
    INFO("shadowed " << shadowed << ", lit " << lit);
    CHECK(lit > 0.2);
    CHECK(shadowed < 0.1 * lit);

    // Without shadows the same spot is lit like any other.
    scene.lights[0].castsShadows = false;
    FrameBuffers unshadowed = renderer.render(scene);
    CHECK(srgbToLinear(unshadowed.rgb.at(s.x, s.y, 1)) == Approx(lit).epsilon(0.05));
    requireCleanValidation(renderer);
}

TEST_CASE("a flat environment lights a surface and is the visible background") {
    Scene scene = planeScene({0, 0, -1}, false);
    scene.lights.clear();
    scene.objects[0].modelToWorld = glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 0)) *
                                    glm::scale(glm::dmat4(1.0), glm::dvec3(0.1));
    scene.environment.color = glm::vec3(0.3f, 0.3f, 0.3f);
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    // Background: radiance 0.3 -> tone map 0.26 -> sRGB.
    CHECK(radianceAt(fb, 0, 0) == Approx(0.3).epsilon(0.03));
    // A white-ish Lambertian plane under a uniform environment of radiance L reflects albedo * L
    // (plus a little specular), so the plane is darker than the sky but clearly lit.
    double plane = radianceAt(fb, 80, 60);
    CHECK(plane > 0.5 * 0.3 * 0.9);
    CHECK(plane < 0.3);
    requireCleanValidation(renderer);
}

// A mirror image of a plane is the same plane, facing the same way: lit the same. Mirroring reverses
// the winding the rasterizer sees, which must neither cull the plane nor shade it from behind.
TEST_CASE("a mirrored (negatively scaled) plane is lit like the plane itself") {
    Renderer renderer(validated());
    Scene scene = planeScene({0, 0, -1}, false);
    double plain = radianceAt(renderer.render(scene), 80, 60);
    scene.objects[0].modelToWorld = glm::scale(glm::dmat4(1.0), glm::dvec3(-1, 1, 1));
    FrameBuffers culledPrimitive = renderer.render(scene);  // a primitive: back faces culled
    scene.objects[0].primitive.reset();                     // a loaded mesh: nothing culled
    FrameBuffers openMesh = renderer.render(scene);
    for (const FrameBuffers* fb : {&culledPrimitive, &openMesh}) {
        REQUIRE(fb->instanceId.at(80, 60) == 1);
        CHECK(radianceAt(*fb, 80, 60) == Approx(plain).epsilon(0.02));
        // The camera looks down world -Z: the plane's normal (world +Z) is camera -Z, toward it.
        CHECK(fb->normals.at(80, 60, 2) == Approx(-1.0).margin(1e-3));
    }
    requireCleanValidation(renderer);
}
