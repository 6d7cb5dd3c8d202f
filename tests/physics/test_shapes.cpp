// Resting poses and mass properties of each shape against analytic geometry.
#include "PhysicsTestScenes.h"
#include "physics/CollisionShapes.h"

#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

using namespace sg;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Settles one object on the floor and returns its settled model-to-world matrix.
glm::dmat4 restOnFloor(Object o) {
    Scene scene;
    scene.objects.push_back(test::floorObject());
    scene.objects.push_back(std::move(o));
    SettleOptions opts;
    opts.maxSeconds = 3;
    SettleReport r = settle(scene, opts);
    INFO(r.summary());
    CHECK(r.converged);
    return scene.objects[1].modelToWorld;
}

}  // namespace

TEST_CASE("each primitive comes to rest at its analytic height on the floor") {
    struct Case {
        const char* what;
        Object object;
        double restingZ;  // of the model origin
    };
    glm::dmat4 lyingX = glm::rotate(glm::dmat4(1.0), kPi / 2, glm::dvec3(1, 0, 0));
    std::vector<Case> cases = {
        {"box", test::primitiveObject("box", test::box({0.1, 0.06, 0.04}), test::at({0, 0, 0.03})), 0.02},
        {"sphere", test::primitiveObject("sphere", test::sphere(0.03), test::at({0, 0, 0.04})), 0.03},
        {"standing cylinder", test::primitiveObject("cyl", test::cylinder(0.03, 0.08), test::at({0, 0, 0.05})), 0.04},
        // The cone is centred on its bounding box: standing on its base, the origin is h/2 up.
        {"standing cone", test::primitiveObject("cone", test::cone(0.04, 0.06), test::at({0, 0, 0.035})), 0.03},
        {"lying capsule", test::primitiveObject("cap", test::capsule(0.02, 0.06), test::at({0, 0, 0.03}) * lyingX), 0.02},
        {"flat torus", test::primitiveObject("torus", test::torus(0.05, 0.015), test::at({0, 0, 0.02})), 0.015},
        // Scale baked into the shape: a 0.05 cube scaled 3x in z stands 0.15 tall.
        {"scaled box",
         test::primitiveObject("sbox", test::box({0.05, 0.05, 0.05}),
                               test::at({0, 0, 0.08}) * glm::scale(glm::dmat4(1.0), glm::dvec3(1, 1, 3))),
         0.075},
        // A convex-hull mesh whose geometry is offset from its model origin by a part transform.
        {"offset hull",
         test::meshObject("hull", test::box({0.08, 0.08, 0.04}), test::at({0, 0, 0.05}), 1.0, test::at({0.02, 0, 0.01})), 0.01},
    };
    for (auto& c : cases) {
        glm::dmat4 original = c.object.modelToWorld;
        glm::dmat4 rest = restOnFloor(c.object);
        INFO(c.what << ": rests at z = " << rest[3].z);
        CHECK(rest[3].z == Approx(c.restingZ).margin(0.001));
        // The scale of the original matrix survives the write-back.
        for (int col = 0; col < 3; ++col)
            CHECK(glm::length(glm::dvec3(rest[col])) == Approx(glm::length(glm::dvec3(original[col]))).epsilon(1e-5));
    }
}

TEST_CASE("convex hull mass properties match a solid box") {
    Object o = test::meshObject("hull", test::box({0.1, 0.2, 0.3}), glm::dmat4(1.0), 2.0, test::at({0.5, 0, 0}));
    BodyShape s = buildBodyShape(o, glm::dvec3(1.0), true, 2.0);
    REQUIRE(s.shape);
    CHECK(s.bodyOriginInModel.x == Approx(0.5).margin(1e-6));
    CHECK(s.innerRadius == Approx(0.05).margin(1e-6));
    // Principal moments in some order: m/12 (b^2 + c^2) etc.
    std::vector<double> got = {s.principalInertia.x, s.principalInertia.y, s.principalInertia.z};
    std::vector<double> want = {2.0 / 12 * (0.04 + 0.09), 2.0 / 12 * (0.01 + 0.09), 2.0 / 12 * (0.01 + 0.04)};
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    for (int i = 0; i < 3; ++i) CHECK(got[size_t(i)] == Approx(want[size_t(i)]).epsilon(1e-4));
}

TEST_CASE("a mirrored model matrix round-trips through decompose and compose") {
    glm::dmat4 m = glm::translate(glm::dmat4(1.0), glm::dvec3(1, 2, 3)) *
                   glm::rotate(glm::dmat4(1.0), 0.7, glm::dvec3(0.3, 0.5, 0.8)) *
                   glm::scale(glm::dmat4(1.0), glm::dvec3(2, -0.5, 1.5));
    ModelPose pose = decomposeModelMatrix(m);
    CHECK(glm::determinant(pose.rotation) == Approx(1.0));
    glm::dmat4 back = composeModelMatrix(pose);
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) CHECK(back[c][r] == Approx(m[c][r]).margin(1e-12));
}
