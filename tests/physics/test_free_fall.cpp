#include "PhysicsTestScenes.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace sg;

TEST_CASE("a ball dropped from height h hits the floor after sqrt(2h/g)") {
    const double h = 1.0, r = 0.05, g = 9.81;
    Scene scene;
    scene.objects.push_back(test::floorObject());
    Object ball = test::primitiveObject("ball", test::sphere(r), test::at({0, 0, h + r}), 0.1);
    ball.physics.linearDamping = 0;
    ball.physics.angularDamping = 0;
    ball.physics.restitution = 0;
    scene.objects.push_back(ball);

    PhysicsOptions opts;
    PhysicsWorld world(scene, opts);
    const double dt = opts.timeStep;
    // Impact = the step at which the downward speed stops growing.
    double previousVz = 0, impact = -1;
    for (int i = 0; i < 480; ++i) {
        world.stepOnce();
        double vz = world.linearVelocity(1).z;
        if (vz > previousVz) {
            impact = world.simulatedSeconds();
            break;
        }
        previousVz = vz;
        if (std::abs(world.simulatedSeconds() - 0.3) < dt / 2) {
            world.writeBack(scene);
            double z = scene.objects[1].modelToWorld[3].z;
            CHECK(z == Approx(h + r - 0.5 * g * 0.09).margin(0.01));
        }
    }
    const double expected = std::sqrt(2 * h / g);
    INFO("impact at " << impact << " s, expected " << expected);
    CHECK(impact == Approx(expected).margin(2.5 * dt));
    CHECK(-previousVz == Approx(std::sqrt(2 * g * h)).epsilon(0.02));
}
