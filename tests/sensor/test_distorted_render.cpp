// The lens-distortion path end to end with the real renderer: render a pinhole canvas, move every
// buffer through the distortion map, compute labels with the distorted camera.
#include "labels/Labels.h"
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"
#include "sensor/LensDistortion.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

using namespace sg;

TEST_CASE("keypoints and masks of a distorted render agree with the OpenCV model within half a pixel") {
    Scene scene;
    Category ball;
    ball.id = 1;
    ball.name = "ball";
    ball.supercategory = "ball";
    ball.keypoints = {"front"};
    scene.categories.push_back(ball);
    Intrinsics K = intrinsicsFromVerticalFov(60 * M_PI / 180, 320, 240);
    K.distortion = {-0.3, 0.08, 0.001, -0.002, 0.0};
    scene.camera.intrinsics = K;
    scene.camera.worldToCamera = glm::dmat4(1.0);  // world = camera frame: +Z forward, +Y down

    PrimitiveShape sphere;
    sphere.kind = PrimitiveKind::Sphere;
    sphere.radius = 0.03;
    sphere.segments = 48;
    auto mesh = makePrimitiveMesh(sphere);
    auto material = std::make_shared<Material>();
    const double r = sphere.radius;
    std::vector<glm::dvec3> centers;
    for (double u : {0.1, 0.5, 0.88})
        for (double v : {0.12, 0.5, 0.85}) {
            // A point whose distorted projection lands at (u, v) of the image, 2 m away.
            glm::dvec2 xd((u * K.width - K.cx) / K.fx, (v * K.height - K.cy) / K.fy);
            centers.push_back(glm::dvec3(undistortNormalized(K.distortion, xd), 1.0) * 2.0);
        }
    for (size_t i = 0; i < centers.size(); ++i) {
        Object o;
        o.name = "ball" + std::to_string(i);
        o.category = 0;
        o.primitive = sphere;
        o.parts.push_back({mesh, material, glm::dmat4(1.0)});
        o.modelToWorld = glm::translate(glm::dmat4(1.0), centers[i]);
        // The sphere's point nearest the camera, in model coordinates.
        o.keypoints.push_back({"front", -r * glm::normalize(centers[i])});
        scene.objects.push_back(o);
    }

    Renderer renderer;
    Scene pinhole = scene;
    Intrinsics R = renderIntrinsicsFor(K);
    pinhole.camera.intrinsics = R;
    FrameBuffers rendered = renderer.render(pinhole);
    REQUIRE(rendered.instanceId.width == R.width);
    FrameBuffers buffers = applyDistortion(rendered, makeDistortionMap(K, R));
    FrameLabels labels = computeLabels(scene, buffers);
    REQUIRE(labels.instances.size() == centers.size());

    for (const auto& inst : labels.instances) {
        glm::dvec3 c = centers[size_t(inst.objectIndex)];
        INFO("object " << inst.objectIndex);
        // Keypoint: the OpenCV model applied to the undistorted (pinhole) projection.
        glm::dvec3 kp = c - r * glm::normalize(c);
        glm::dvec2 pin = projectPinhole(K, kp);
        glm::dvec2 n = distortNormalized(K.distortion, {(pin.x - K.cx) / K.fx, (pin.y - K.cy) / K.fy});
        glm::dvec2 expected(K.fx * n.x + K.cx, K.fy * n.y + K.cy);
        REQUIRE(inst.keypoints.size() == 1);
        CHECK(std::abs(inst.keypoints[0].pixel.x - expected.x) < 0.5);
        CHECK(std::abs(inst.keypoints[0].pixel.y - expected.y) < 0.5);
        CHECK(inst.keypoints[0].state == KeypointState::Visible);

        // The distorted mask is centered on the distorted projection of the sphere's center
        // (a sphere's silhouette is symmetric about it to well under a pixel at this size).
        double sx = 0, sy = 0;
        int64_t count = 0;
        for (int y = 0; y < K.height; ++y)
            for (int x = 0; x < K.width; ++x)
                if (buffers.instanceId.at(x, y) == inst.instanceId) {
                    sx += x;
                    sy += y;
                    ++count;
                }
        REQUIRE(count == inst.visiblePixels);
        glm::dvec2 center = project(K, c);
        CHECK(std::abs(sx / count - center.x) < 0.5);
        CHECK(std::abs(sy / count - center.y) < 0.5);
        // The box from the distorted mask holds the keypoint.
        CHECK(inst.box.x0 <= expected.x + 0.5);
        CHECK(inst.box.x1 >= expected.x + 0.5);
        CHECK(inst.box.y0 <= expected.y + 0.5);
        CHECK(inst.box.y1 >= expected.y + 0.5);
        // Depth moved with the mask: inside it, the depth is close to the sphere's distance.
        int kx = int(std::lround(expected.x)), ky = int(std::lround(expected.y));
        CHECK(buffers.depth.at(kx, ky) == Approx(kp.z).margin(0.01));
    }
}
