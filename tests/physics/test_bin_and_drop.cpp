#include "PhysicsTestScenes.h"

#include <catch2/catch.hpp>

using namespace sg;

TEST_CASE("makeBin's inner faces enclose exactly the requested inner volume") {
    const glm::dvec3 c(1.0, -2.0, 0.5), inner(0.4, 0.3, 0.2);
    const double t = 0.02;
    std::vector<Object> bin = makeBin(c, inner, t);
    REQUIRE(bin.size() == 5);
    glm::dvec3 lo(1e9), hi(-1e9);  // bounds of all pieces
    for (const auto& piece : bin) {
        CHECK(piece.physics.mass == 0.0);
        REQUIRE(piece.primitive);
        for (const auto& p : test::worldPoints(piece)) {
            lo = glm::min(lo, p);
            hi = glm::max(hi, p);
            // No piece reaches into the inner volume (open on top).
            bool inside = std::abs(p.x - c.x) < inner.x / 2 - 1e-9 && std::abs(p.y - c.y) < inner.y / 2 - 1e-9 && p.z > c.z + 1e-9;
            CHECK_FALSE(inside);
        }
    }
    CHECK(lo.x == Approx(c.x - inner.x / 2 - t));
    CHECK(hi.x == Approx(c.x + inner.x / 2 + t));
    CHECK(lo.y == Approx(c.y - inner.y / 2 - t));
    CHECK(hi.y == Approx(c.y + inner.y / 2 + t));
    CHECK(lo.z == Approx(c.z - t));
    CHECK(hi.z == Approx(c.z + inner.z));
    // The pieces do not overlap one another.
    Scene scene;
    scene.objects = bin;
    for (auto& o : scene.objects) o.physics.mass = 1.0;  // static-static pairs are not tested
    CHECK(maxPenetration(scene).depth < 1e-6);
}

TEST_CASE("placeForDrop releases objects inside the area with no overlapping bounding spheres") {
    Scene scene;
    std::vector<int> objects;
    for (int i = 0; i < 20; ++i) {
        objects.push_back(i);
        scene.objects.push_back(test::primitiveObject("b" + std::to_string(i), test::box({0.04, 0.03, 0.02}),
                                                      glm::scale(glm::dmat4(1.0), glm::dvec3(1, 1, 2))));
    }
    DropArea area;
    area.center = {0.5, 0.2, 0.1};
    area.halfExtent = {0.05, 0.03};
    area.gap = 0.002;
    placeForDrop(scene, objects, area, KeyedRng(3, 0, 0, "drop"));
    const double r = std::sqrt(0.02 * 0.02 + 0.015 * 0.015 + 0.02 * 0.02);  // half-diagonal with z scaled 2x
    for (int i = 0; i < 20; ++i) {
        const glm::dmat4& m = scene.objects[size_t(i)].modelToWorld;
        glm::dvec3 p(m[3]);
        CHECK(std::abs(p.x - 0.5) <= 0.05);
        CHECK(std::abs(p.y - 0.2) <= 0.03);
        CHECK(p.z >= 0.1 + r - 1e-6);
        CHECK(boundingRadius(scene.objects[size_t(i)]) == Approx(r).epsilon(1e-6));
        CHECK(glm::length(glm::dvec3(m[2])) == Approx(2.0).epsilon(1e-9));  // scale kept
        for (int j = 0; j < i; ++j) {
            glm::dvec3 q(scene.objects[size_t(j)].modelToWorld[3]);
            CHECK(glm::length(p - q) >= 2 * r + area.gap - 1e-6);  // mesh vertices are floats
        }
    }
}
