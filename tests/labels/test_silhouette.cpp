#include "HandBuiltFrame.h"
#include "labels/Labels.h"
#include "labels/Silhouette.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

using namespace sg;
using sgtest::HandBuiltFrame;

namespace {

// A 0.4 m square facing the camera at z = 2: 100 x 100 pixels with f = 500.
Object squareAt(double x, double y) {
    Object o;
    PrimitiveShape plane;
    plane.kind = PrimitiveKind::Plane;
    plane.size = {0.4, 0.4, 0};
    o.parts.push_back({makePrimitiveMesh(plane), nullptr, glm::dmat4(1.0)});
    o.modelToWorld[3] = glm::dvec4(x, y, 2.0, 1.0);
    o.category = 0;
    return o;
}

Camera camera200x150() {
    Camera c;
    c.intrinsics.width = 200;
    c.intrinsics.height = 150;
    c.intrinsics.fx = c.intrinsics.fy = 500;
    c.intrinsics.cx = 99.5;
    c.intrinsics.cy = 74.5;
    return c;
}

}  // namespace

TEST_CASE("Truncation of a square centered on the left border is one half") {
    // Center at u = -0.5 (the image's left edge): x = (-0.5 - 99.5) / 250 = -0.4.
    double t = silhouetteTruncation(squareAt(-0.4, 0.0), camera200x150(), 200, 150, 1 << 20);
    CHECK(t == Approx(0.5).margin(0.011));  // one column of 100 either way
}

TEST_CASE("Truncation of a square centered on the top-left corner is three quarters") {
    double t = silhouetteTruncation(squareAt(-0.4, (-0.5 - 74.5) / 250.0), camera200x150(), 200, 150, 1 << 20);
    CHECK(t == Approx(0.75).margin(0.015));
}

TEST_CASE("Truncation is 0 inside the frame and 1 behind the camera, also on a subsampled grid") {
    CHECK(silhouetteTruncation(squareAt(0, 0), camera200x150(), 200, 150, 1 << 20) == 0.0);
    Object behind = squareAt(0, 0);
    behind.modelToWorld[3].z = -2.0;
    CHECK(silhouetteTruncation(behind, camera200x150(), 200, 150, 1 << 20) == 1.0);
    // 2500 samples max: the grid step grows, the fraction stays.
    CHECK(silhouetteTruncation(squareAt(-0.4, 0.0), camera200x150(), 200, 150, 2500) == Approx(0.5).margin(0.05));
}

TEST_CASE("A triangle crossing the near plane is clipped, not wrapped around") {
    Object o = squareAt(0, 0);
    o.modelToWorld = glm::dmat4(1.0);
    // Tilt the square so it spans z from behind to in front of the camera.
    o.modelToWorld[1] = glm::dvec4(0, 0, 1, 0);  // model y -> camera z
    o.modelToWorld[2] = glm::dvec4(0, -1, 0, 0);
    o.modelToWorld[3] = glm::dvec4(0, 0.05, 0.15, 1);  // z from -0.05 to 0.35
    auto tris = projectedTriangles(o, camera200x150(), false);
    REQUIRE(!tris.empty());
    // Every projected point comes from a camera-frame point with z >= znear, below the center row.
    for (const auto& p : tris) CHECK(p.y >= 74.5);
}

TEST_CASE("Without an amodal render, the amodal mask is the CPU rasterized silhouette") {
    HandBuiltFrame f(200, 150);
    f.scene.camera = camera200x150();
    f.scene.objects.push_back(squareAt(0, 0));  // covers pixel centers 50..149 x 25..124
    f.amodalFull.emplace_back(200, 150, 1, 0);
    uint32_t occluder = f.addObject(-1);
    for (int y = 25; y < 125; ++y)
        for (int x = 50; x < 150; ++x) f.paintPixel(1, x, y, 2.0f);
    f.paintRect(occluder, 100, 0, 200, 150, 1.0f);
    // no finalize(): FrameBuffers::amodal stays empty
    f.buffers.amodal.clear();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 1);
    const InstanceLabel& l = labels.instances[0];
    CHECK(l.amodalSource == AmodalSource::Rasterized);
    CHECK(l.amodalBox == PixelBox{50, 25, 150, 125});
    CHECK(l.amodalPixels == 10000);
    CHECK(l.visiblePixels == 5000);
    CHECK(l.visibleFraction == 0.5);
    CHECK(l.truncation == 0.0);
    CHECK_FALSE(l.truncated);
}

TEST_CASE("A closed primitive's silhouette from its front faces alone equals the one from all its triangles") {
    // The same meshes as anonymous triangle soups (no Object::primitive) are rasterized in full.
    for (PrimitiveKind kind : {PrimitiveKind::Sphere, PrimitiveKind::Torus, PrimitiveKind::Cylinder, PrimitiveKind::Box}) {
        for (double mirror : {1.0, -1.0}) {  // a mirrored object keeps its back faces: same silhouette
            PrimitiveShape shape;
            shape.kind = kind;
            shape.radius = 0.2;
            shape.minorRadius = 0.07;
            shape.height = 0.3;
            shape.size = glm::dvec3(0.3, 0.2, 0.25);
            shape.segments = 24;
            Object primitive;
            primitive.primitive = shape;
            primitive.parts.push_back({makePrimitiveMesh(shape), nullptr, glm::dmat4(1.0)});
            primitive.modelToWorld = glm::translate(glm::dmat4(1.0), glm::dvec3(0.05, -0.02, 1.5)) *
                                     glm::rotate(glm::dmat4(1.0), 0.7, glm::normalize(glm::dvec3(1, 2, 0.5))) *
                                     glm::scale(glm::dmat4(1.0), glm::dvec3(mirror, 1.0, 1.0));
            Object soup = primitive;
            soup.primitive.reset();
            INFO(primitiveKindName(kind) << (mirror < 0 ? ", mirrored" : ""));
            AmodalMask a = rasterizeSilhouetteInImage(primitive, camera200x150(), 200, 150);
            AmodalMask b = rasterizeSilhouetteInImage(soup, camera200x150(), 200, 150);
            REQUIRE(b.mask.width > 20);
            CHECK(a.x0 == b.x0);
            CHECK(a.y0 == b.y0);
            CHECK(a.mask.width == b.mask.width);
            CHECK(a.mask.pixels == b.mask.pixels);
            // Half over the left border: truncation is rasterized, with the same answer.
            primitive.modelToWorld[3].x = soup.modelToWorld[3].x = -0.6;
            double ta = silhouetteTruncation(primitive, camera200x150(), 200, 150, 1 << 20);
            double tb = silhouetteTruncation(soup, camera200x150(), 200, 150, 1 << 20);
            CHECK(ta > 0.1);
            CHECK(ta == tb);
        }
    }
}
