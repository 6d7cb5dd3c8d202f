#include "PhysicsTestScenes.h"

#include <catch2/catch.hpp>

using namespace sg;

TEST_CASE("a pile of 30 mixed objects dropped into a bin settles inside it without interpenetration") {
    Scene scene = test::pileScene(30);
    REQUIRE(scene.objects.size() == 35);
    PhysicsWorld world(scene);
    SettleReport report = world.settle();
    world.writeBack(scene);
    INFO(report.summary());
    CHECK(report.converged);
    CHECK(report.notAtRest.empty());
    CHECK(report.fellOut.empty());

    // Inside the bin: every render vertex within the inner walls and above the floor (1 mm slack).
    const double slack = 0.001;
    for (size_t i = 5; i < scene.objects.size(); ++i) {
        for (const auto& p : test::worldPoints(scene.objects[i])) {
            INFO(scene.objects[i].name << " vertex " << p.x << " " << p.y << " " << p.z);
            REQUIRE(std::abs(p.x) <= 0.15 + slack);
            REQUIRE(std::abs(p.y) <= 0.15 + slack);
            REQUIRE(p.z >= -slack);
        }
    }

    // No pair overlaps by more than 1 mm (Bullet narrow phase on the settled poses).
    PenetrationReport pen = maxPenetration(scene);
    INFO("deepest: " << pen.nameA << " / " << pen.nameB << " " << pen.depth << " m");
    CHECK(pen.depth < 0.001);

    // At rest, checked independently of the settle bookkeeping: simulating 0.25 s more moves
    // no object by more than 1 mm.
    Scene after = scene;
    world.step(0.25);
    world.writeBack(after);
    for (size_t i = 5; i < scene.objects.size(); ++i) {
        double moved = glm::length(glm::dvec3(after.objects[i].modelToWorld[3] - scene.objects[i].modelToWorld[3]));
        INFO(scene.objects[i].name << " moved " << moved);
        CHECK(moved < 0.001);
    }
}

TEST_CASE("maxPenetration measures the overlap of two boxes against the analytic depth") {
    Scene scene;
    scene.objects.push_back(test::primitiveObject("a", test::box({0.1, 0.1, 0.1}), test::at({0, 0, 0})));
    scene.objects.push_back(test::primitiveObject("b", test::box({0.1, 0.1, 0.1}), test::at({0.095, 0.01, 0})));
    PenetrationReport pen = maxPenetration(scene);
    CHECK(pen.depth == Approx(0.005).margin(0.0005));
    CHECK(pen.objectA == 0);
    CHECK(pen.objectB == 1);
    CHECK(pen.nameB == "b");

    scene.objects[1].modelToWorld = test::at({0.12, 0, 0});  // 2 cm apart
    CHECK(maxPenetration(scene).depth == 0.0);
}
