#include "PhysicsTestScenes.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace sg;

TEST_CASE("stepping a sequence keeps every object at its index and leaves static objects untouched") {
    Scene scene;
    scene.objects.push_back(test::floorObject());
    // Three balls at distinct x, released from different heights: each index must keep its own x.
    // The lowest one (0.25 m of fall) lands after 0.226 s, so 6 frames of 1/30 s are all in flight.
    for (int i = 0; i < 3; ++i) {
        Object ball = test::primitiveObject("ball" + std::to_string(i), test::sphere(0.05),
                                            test::at({-0.5 + 0.5 * i, 0, 0.3 + 0.2 * i}), 0.2);
        scene.objects.push_back(ball);
    }
    const Scene original = scene;
    PhysicsWorld world(scene);
    REQUIRE(world.objectCount() == 4);
    CHECK_FALSE(world.isDynamic(0));
    CHECK(world.isDynamic(1));
    std::vector<double> previousZ = {0, 0.35, 0.55, 0.75};
    for (int frame = 0; frame < 6; ++frame) {
        world.step(1.0 / 30.0);
        world.writeBack(scene);
        REQUIRE(scene.objects.size() == 4);
        CHECK(std::memcmp(&scene.objects[0].modelToWorld, &original.objects[0].modelToWorld, sizeof(glm::dmat4)) == 0);
        for (int i = 1; i <= 3; ++i) {
            CHECK(scene.objects[i].name == original.objects[i].name);
            CHECK(scene.objects[i].modelToWorld[3].x == Approx(-0.5 + 0.5 * (i - 1)).margin(1e-3));
            double z = scene.objects[i].modelToWorld[3].z;
            CHECK(z < previousZ[i]);  // still falling
            previousZ[i] = z;
        }
    }
    CHECK(world.steps() == 48);  // 6 frames of 8 steps of 1/240 s
    CHECK(world.simulatedSeconds() == Approx(6.0 / 30.0));
}

TEST_CASE("a conveyor belt carries a box along its direction at the set speed") {
    const glm::dvec3 beltVelocity(0.2, 0.0, 0.0);
    Scene scene;
    Object belt = test::primitiveObject("belt", test::box({3, 0.4, 0.05}), test::at({0, 0, -0.025}), 0.0, 0.8);
    belt.physics.conveyorVelocity = beltVelocity;
    scene.objects.push_back(belt);
    scene.objects.push_back(test::primitiveObject("box", test::box({0.08, 0.06, 0.04}), test::at({-1.0, 0, 0.0201}), 0.5, 0.8));
    const Scene original = scene;
    PhysicsWorld world(scene);
    world.step(0.5);  // picks up speed
    world.writeBack(scene);
    glm::dvec3 p0(scene.objects[1].modelToWorld[3]);
    world.step(2.0);
    world.writeBack(scene);
    glm::dvec3 p1(scene.objects[1].modelToWorld[3]);
    glm::dvec3 speed = (p1 - p0) / 2.0;
    CHECK(speed.x == Approx(beltVelocity.x).epsilon(0.05));
    CHECK(std::abs(speed.y) < 0.005);
    CHECK(p1.z == Approx(0.02).margin(0.001));  // still resting on the belt
    CHECK(world.linearVelocity(1).x == Approx(beltVelocity.x).epsilon(0.05));
    // The belt itself stays where it is.
    CHECK(std::memcmp(&scene.objects[0].modelToWorld, &original.objects[0].modelToWorld, sizeof(glm::dmat4)) == 0);
}
