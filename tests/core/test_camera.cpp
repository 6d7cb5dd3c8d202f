#include "core/Camera.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace sg;

TEST_CASE("a point on the optical axis projects onto the principal point") {
    Intrinsics K;
    K.fx = 500;
    K.fy = 700;
    K.cx = 300.25;
    K.cy = 200.75;
    glm::dvec2 uv = projectPinhole(K, {0, 0, 3});
    CHECK(uv.x == Approx(300.25));
    CHECK(uv.y == Approx(200.75));
}

TEST_CASE("pinhole projection follows u = fx X/Z + cx, v = fy Y/Z + cy") {
    Intrinsics K;
    K.fx = 500;
    K.fy = 700;
    K.cx = 300;
    K.cy = 200;
    glm::dvec2 uv = projectPinhole(K, {0.2, -0.1, 2});
    CHECK(uv.x == Approx(500 * 0.1 + 300));
    CHECK(uv.y == Approx(700 * -0.05 + 200));
}

TEST_CASE("a vertical field of view maps to fy = (H/2)/tan(yfov/2) with the center at ((W-1)/2, (H-1)/2)") {
    Intrinsics K = intrinsicsFromVerticalFov(M_PI / 2, 640, 480);
    CHECK(K.fy == Approx(240.0));
    CHECK(K.fx == Approx(240.0));
    CHECK(K.cx == Approx(319.5));
    CHECK(K.cy == Approx(239.5));
    // The top edge of the image (v = -0.5) is reached by a ray 45 degrees above the axis.
    glm::dvec2 uv = projectPinhole(K, {0, -1, 1});
    CHECK(uv.y == Approx(-0.5));
}

TEST_CASE("look-at puts the target on the optical axis with world up pointing to image up") {
    glm::dmat4 c2w = lookAtCameraToWorld({2, 0, 1}, {0, 0, 1}, {0, 0, 1});
    Camera cam;
    cam.worldToCamera = glm::inverse(c2w);
    glm::dvec3 target = glm::dvec3(cam.worldToCamera * glm::dvec4(0, 0, 1, 1));
    CHECK(target.x == Approx(0).margin(1e-12));
    CHECK(target.y == Approx(0).margin(1e-12));
    CHECK(target.z == Approx(2));
    glm::dvec3 above = glm::dvec3(cam.worldToCamera * glm::dvec4(0, 0, 2, 1));
    CHECK(above.y < 0);  // OpenCV +Y is down, so a point above the target has negative Y
    CHECK(cam.position().x == Approx(2));
}

TEST_CASE("OpenCV distortion: radial and tangential terms") {
    Distortion d;
    d.k1 = 0.1;
    glm::dvec2 p = distortNormalized(d, {0.5, 0});
    CHECK(p.x == Approx(0.5 * (1 + 0.1 * 0.25)));
    CHECK(p.y == Approx(0));
    Distortion t;
    t.p1 = 0.01;
    t.p2 = 0.02;
    glm::dvec2 q = distortNormalized(t, {0.3, 0.2});
    double r2 = 0.13;
    CHECK(q.x == Approx(0.3 + 2 * 0.01 * 0.3 * 0.2 + 0.02 * (r2 + 2 * 0.09)));
    CHECK(q.y == Approx(0.2 + 0.01 * (r2 + 2 * 0.04) + 2 * 0.02 * 0.3 * 0.2));
}
