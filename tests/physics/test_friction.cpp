#include "PhysicsTestScenes.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace sg;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double g = 9.81;

struct SlopeRun {
    double displacement = 0;  // along the slope, metres (positive = downhill)
};

// A 10 cm box resting on a static 2 m slope tilted by `angle` about world X, both with friction mu,
// simulated for `seconds` from rest.
SlopeRun runSlope(double angleRad, double mu, double seconds) {
    Scene scene;
    glm::dmat4 tilt = glm::rotate(glm::dmat4(1.0), angleRad, glm::dvec3(1, 0, 0));
    // The slope: a box whose top face passes through the world origin.
    scene.objects.push_back(test::primitiveObject("slope", test::box({1, 3, 0.1}), tilt * test::at({0, 0, -0.05}), 0.0, mu));
    Object cube = test::primitiveObject("cube", test::box({0.1, 0.1, 0.1}), tilt * test::at({0, 0, 0.0501}), 1.0, mu);
    cube.physics.restitution = 0;
    cube.physics.linearDamping = 0;
    cube.physics.angularDamping = 0;
    scene.objects.push_back(cube);
    glm::dvec3 start(scene.objects[1].modelToWorld[3]);
    PhysicsWorld world(scene);
    world.step(seconds);
    world.writeBack(scene);
    glm::dvec3 end(scene.objects[1].modelToWorld[3]);
    // Downhill direction: tilting about +X raises +Y, so downhill is -Y of the tilted frame.
    glm::dvec3 downhill = -glm::dvec3(tilt[1]);
    return {glm::dot(end - start, downhill)};
}

}  // namespace

TEST_CASE("a box on a slope steeper than its friction angle slides with a = g (sin - mu cos)") {
    for (double deg : {25.0, 35.0}) {
        for (double mu : {0.1, 0.3}) {
            double a = deg * kPi / 180;
            REQUIRE(std::tan(a) > mu + 0.1);
            double t = 0.5;
            double expected = 0.5 * g * (std::sin(a) - mu * std::cos(a)) * t * t;
            SlopeRun run = runSlope(a, mu, t);
            INFO("angle " << deg << " mu " << mu << " moved " << run.displacement << " expected " << expected);
            // Measured acceleration from s = a t^2 / 2 within 10 %.
            CHECK(run.displacement == Approx(expected).epsilon(0.10));
        }
    }
}

TEST_CASE("a box on a slope gentler than its friction angle stays put") {
    for (double deg : {10.0, 20.0}) {
        for (double mu : {0.6, 0.9}) {
            double a = deg * kPi / 180;
            REQUIRE(std::tan(a) < mu - 0.1);
            SlopeRun run = runSlope(a, mu, 1.0);
            INFO("angle " << deg << " mu " << mu << " moved " << run.displacement);
            CHECK(std::abs(run.displacement) < 0.001);
        }
    }
}

TEST_CASE("the friction of a contact is the geometric mean of the two objects' coefficients") {
    // Box mu 0.9 on a slope with mu 0.1: effective sqrt(0.09) = 0.3, so at 25 degrees it slides
    // with mu 0.3 (a product rule would give 0.09 and a much faster slide).
    Scene scene;
    double a = 25 * kPi / 180;
    glm::dmat4 tilt = glm::rotate(glm::dmat4(1.0), a, glm::dvec3(1, 0, 0));
    scene.objects.push_back(test::primitiveObject("slope", test::box({1, 3, 0.1}), tilt * test::at({0, 0, -0.05}), 0.0, 0.1));
    Object cube = test::primitiveObject("cube", test::box({0.1, 0.1, 0.1}), tilt * test::at({0, 0, 0.0501}), 1.0, 0.9);
    cube.physics.restitution = 0;
    cube.physics.linearDamping = 0;
    cube.physics.angularDamping = 0;
    scene.objects.push_back(cube);
    glm::dvec3 start(scene.objects[1].modelToWorld[3]);
    PhysicsWorld world(scene);
    world.step(0.5);
    world.writeBack(scene);
    double moved = glm::length(glm::dvec3(scene.objects[1].modelToWorld[3]) - start);
    double expected = 0.5 * g * (std::sin(a) - 0.3 * std::cos(a)) * 0.25;
    CHECK(moved == Approx(expected).epsilon(0.10));
}
