#include "sensor/LensDistortion.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace sg;

namespace {

Intrinsics distortedK() {
    Intrinsics K = intrinsicsFromVerticalFov(60 * M_PI / 180, 160, 120);
    K.distortion = {-0.28, 0.07, 0.0012, -0.0015, 0.0};
    return K;
}

}  // namespace

TEST_CASE("undistortion inverts the OpenCV model") {
    for (Distortion d :
         {Distortion{-0.28, 0.07, 0.0012, -0.0015, 0}, Distortion{0.15, -0.02, 0, 0, 0.01}, Distortion{0, 0, 0.01, -0.01, 0}}) {
        for (double x = -0.6; x <= 0.6; x += 0.1)
            for (double y = -0.45; y <= 0.45; y += 0.09) {
                glm::dvec2 p(x, y);
                bool ok = false;
                glm::dvec2 back = undistortNormalized(d, distortNormalized(d, p), &ok);
                REQUIRE(ok);
                CHECK(back.x == Approx(p.x).margin(1e-10));
                CHECK(back.y == Approx(p.y).margin(1e-10));
            }
    }
}

TEST_CASE("the render canvas covers every ray of the distorted image") {
    Intrinsics K = distortedK();
    Intrinsics R = renderIntrinsicsFor(K);
    CHECK(R.distortion.isZero());
    CHECK(R.fx == K.fx);
    CHECK(R.width > K.width);  // barrel distortion sees more than the pinhole frame
    DistortionMap m = makeDistortionMap(K, R);
    for (size_t i = 0; i < m.sourceX.size(); ++i) {
        REQUIRE(m.sourceX[i] >= -0.5f);
        REQUIRE(m.sourceY[i] >= -0.5f);
    }
}

TEST_CASE("a small disc's distorted mask is centered on the distorted projection of its center") {
    Intrinsics K = distortedK();
    Intrinsics R = renderIntrinsicsFor(K);
    // Points in the camera frame spread over the image, corners included.
    std::vector<glm::dvec3> points;
    for (double u : {0.08, 0.3, 0.5, 0.75, 0.92})
        for (double v : {0.08, 0.5, 0.92}) {
            glm::dvec2 xd((u * K.width - 0.5 - K.cx) / K.fx, (v * K.height - 0.5 - K.cy) / K.fy);
            glm::dvec2 n = undistortNormalized(K.distortion, xd);
            points.push_back(glm::dvec3(n, 1.0) * 2.0);
        }
    // The "render": discs of radius 3 px around each pinhole projection, depth = the point's z.
    FrameBuffers fb;
    fb.rgb = ImageU8(R.width, R.height, 3, 0);
    fb.instanceId = ImageU32(R.width, R.height, 1, 0);
    fb.depth = ImageF32(R.width, R.height, 1, 0.0f);
    fb.normals = ImageF32(R.width, R.height, 3, 0.0f);
    for (size_t i = 0; i < points.size(); ++i) {
        glm::dvec2 c = projectPinhole(R, points[i]);
        for (int y = 0; y < R.height; ++y)
            for (int x = 0; x < R.width; ++x)
                if ((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y) <= 9.0) {
                    fb.instanceId.at(x, y) = uint32_t(i + 1);
                    fb.depth.at(x, y) = float(1.0 + 0.1 * i);
                    fb.rgb.at(x, y, 0) = 255;
                }
    }
    FrameBuffers out = applyDistortion(fb, makeDistortionMap(K, R));
    REQUIRE(out.instanceId.width == K.width);
    for (size_t i = 0; i < points.size(); ++i) {
        double sx = 0, sy = 0;
        int n = 0, x0 = K.width, x1 = -1;
        for (int y = 0; y < K.height; ++y)
            for (int x = 0; x < K.width; ++x)
                if (out.instanceId.at(x, y) == i + 1) {
                    sx += x;
                    sy += y;
                    ++n;
                    x0 = std::min(x0, x);
                    x1 = std::max(x1, x);
                    // Labels are moved, never blended: the depth is the disc's own.
                    REQUIRE(out.depth.at(x, y) == float(1.0 + 0.1 * i));
                }
        REQUIRE(n > 5);
        glm::dvec2 expected = project(K, points[i]);
        INFO("disc " << i << " expected at " << expected.x << ", " << expected.y);
        CHECK(std::abs(sx / n - expected.x) < 0.5);
        CHECK(std::abs(sy / n - expected.y) < 0.5);
        CHECK(x0 <= expected.x);
        CHECK(x1 >= expected.x);
    }
    // Every depth value in the output exists in the input (nearest, never interpolated).
    std::set<float> inDepths(fb.depth.pixels.begin(), fb.depth.pixels.end());
    for (float d : out.depth.pixels) REQUIRE(inDepths.count(d) == 1);
}

TEST_CASE("without distortion the map is the identity") {
    Intrinsics K = intrinsicsFromVerticalFov(1.0, 32, 24);
    Intrinsics R = renderIntrinsicsFor(K);
    CHECK(R.width == 32);
    DistortionMap m = makeDistortionMap(K, R);
    for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 32; ++x) {
            REQUIRE(m.sourceX[size_t(y) * 32 + x] == Approx(x).margin(1e-4));
            REQUIRE(m.sourceY[size_t(y) * 32 + x] == Approx(y).margin(1e-4));
        }
}
