// Labels of frames the real renderer drew (lavapipe here, any Vulkan GPU elsewhere), checked
// against analytic geometry.
#include "labels/Labels.h"
#include "labels/Silhouette.h"
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

using namespace sg;

namespace {

Object primitive(const PrimitiveShape& shape, glm::dvec3 at, int category) {
    Object o;
    o.name = primitiveKindName(shape.kind);
    o.parts.push_back({makePrimitiveMesh(shape), std::make_shared<Material>(), glm::dmat4(1.0)});
    o.modelToWorld = glm::translate(glm::dmat4(1.0), at);
    o.primitive = shape;
    o.category = category;
    return o;
}

PrimitiveShape sphere(double r) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Sphere;
    s.radius = r;
    s.segments = 96;
    return s;
}

PrimitiveShape box(glm::dvec3 size) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Box;
    s.size = size;
    return s;
}

// World = OpenCV camera frame (worldToCamera = identity): x right, y down, z forward.
Scene baseScene() {
    Scene scene;
    scene.camera.intrinsics.width = 160;
    scene.camera.intrinsics.height = 120;
    scene.camera.intrinsics.fx = scene.camera.intrinsics.fy = 200;
    scene.camera.intrinsics.cx = 79.5;
    scene.camera.intrinsics.cy = 59.5;
    Category ball;
    ball.id = 1;
    ball.name = "ball";
    ball.keypoints = {"front", "back", "far_left"};
    Category wall;
    wall.id = 2;
    wall.name = "wall";
    scene.categories = {ball, wall};
    return scene;
}

// A sphere at z = 3 and a box whose right face lies on the plane x = 0 (it projects to the
// column u = cx whatever its depth), hiding the left half of the sphere.
Scene halfHiddenSphere() {
    Scene scene = baseScene();
    scene.objects.push_back(primitive(sphere(0.5), {0, 0, 3}, 0));
    scene.objects.push_back(primitive(box({2.0, 2.0, 0.5}), {-1.0, 0, 1.5}, 1));
    scene.objects[0].keypoints = {{"front", {0, 0, -0.5}}, {"back", {0, 0, 0.5}}, {"far_left", {-20, 0, 0}}};
    return scene;
}

int64_t diameterPixels(const Scene& s) { return int64_t(std::ceil(2 * 200 * 0.5 / std::sqrt(3.0 * 3.0 - 0.25))) + 2; }

}  // namespace

TEST_CASE("Rendered: a sphere half hidden behind a box has visible fraction 0.5 within its boundary pixels") {
    Renderer renderer;
    Scene scene = halfHiddenSphere();
    RenderSettings settings;
    settings.amodalMasks = true;
    FrameBuffers fb = renderer.render(scene, settings);
    FrameLabels labels = computeLabels(scene, fb);
    REQUIRE(labels.instances.size() == 2);
    const InstanceLabel& s = labels.instances[0];
    CHECK(s.amodalSource == AmodalSource::Rendered);
    // One pixel column along the cut, plus rounding along the rim: about one diameter of pixels.
    double tolerance = double(diameterPixels(scene)) / double(s.amodalPixels);
    CHECK(std::abs(s.visibleFraction - 0.5) <= tolerance);
    CHECK(s.visibleFraction < 0.6);
    CHECK(s.box.x0 >= 79);  // only the right half shows
}

TEST_CASE("Rendered: the amodal box of the hidden sphere equals the box of its unoccluded render") {
    Renderer renderer;
    Scene scene = halfHiddenSphere();
    RenderSettings settings;
    settings.amodalMasks = true;
    FrameLabels occluded = computeLabels(scene, renderer.render(scene, settings));
    Scene alone = scene;
    alone.objects.resize(1);
    FrameBuffers fbAlone = renderer.render(alone);
    FrameLabels unoccluded = computeLabels(alone, fbAlone);
    REQUIRE(occluded.instances.size() == 2);
    REQUIRE(unoccluded.instances.size() == 1);
    CHECK(occluded.instances[0].amodalBox == unoccluded.instances[0].box);
    CHECK(occluded.instances[0].amodalPixels == unoccluded.instances[0].visiblePixels);
    // Without an amodal render, the CPU rasterized silhouette gives the same box within a pixel.
    FrameLabels rasterized = computeLabels(scene, renderer.render(scene));
    const PixelBox& a = rasterized.instances[0].amodalBox;
    const PixelBox& b = unoccluded.instances[0].box;
    CHECK(std::abs(a.x0 - b.x0) <= 1);
    CHECK(std::abs(a.x1 - b.x1) <= 1);
    CHECK(std::abs(a.y0 - b.y0) <= 1);
    CHECK(std::abs(a.y1 - b.y1) <= 1);
    CHECK(rasterized.instances[0].amodalSource == AmodalSource::Rasterized);
}

TEST_CASE("Rendered: keypoints in front are visible, behind the object's own body hidden, off-image outside") {
    Renderer renderer;
    Scene scene = halfHiddenSphere();
    scene.objects.resize(1);  // the sphere alone: only its own body can hide its keypoints
    FrameLabels labels = computeLabels(scene, renderer.render(scene));
    REQUIRE(labels.instances.size() == 1);
    const auto& kps = labels.instances[0].keypoints;
    REQUIRE(kps.size() == 3);
    CHECK(kps[0].state == KeypointState::Visible);
    CHECK(kps[0].pixel.x == Approx(79.5));
    CHECK(kps[1].state == KeypointState::Hidden);
    CHECK(kps[2].state == KeypointState::OutsideFrame);
}

TEST_CASE("Rendered: a sphere centered on the right border is truncated by one half, its box cut at the border") {
    Renderer renderer;
    Scene scene = baseScene();
    // Center projects to u = 159.5 (the right image edge): x = (159.5 - 79.5) * 3 / 200 = 1.2.
    scene.objects.push_back(primitive(sphere(0.3), {1.2, 0, 3}, 0));
    RenderSettings settings;
    settings.amodalMasks = true;
    FrameLabels labels = computeLabels(scene, renderer.render(scene, settings));
    REQUIRE(labels.instances.size() == 1);
    const InstanceLabel& l = labels.instances[0];
    CHECK(l.truncation == Approx(0.5).margin(0.03));
    CHECK(l.truncated);
    CHECK(l.box.x1 == 160);
    CHECK(l.visibleFraction == 1.0);
}
