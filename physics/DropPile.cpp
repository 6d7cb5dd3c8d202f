#include "physics/CollisionShapes.h"
#include "physics/PhysicsWorld.h"

#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>

namespace sg {

double boundingRadius(const Object& object) {
    ModelPose pose = decomposeModelMatrix(object.modelToWorld);
    double r = 0.0;
    for (const auto& p : scaledModelPoints(object, pose.scale)) r = std::max(r, glm::length(p));
    return r;
}

namespace {

// Uniform random rotation from three uniforms (Shoemake).
glm::dmat3 uniformRotation(KeyedRng& rng) {
    constexpr double kPi = 3.14159265358979323846;
    double u1 = rng.uniform(), u2 = rng.uniform(), u3 = rng.uniform();
    double a = std::sqrt(1 - u1), b = std::sqrt(u1);
    glm::dquat q(b * std::cos(2 * kPi * u3), a * std::sin(2 * kPi * u2), a * std::cos(2 * kPi * u2), b * std::sin(2 * kPi * u3));
    return glm::mat3_cast(glm::normalize(q));
}

}  // namespace

void placeForDrop(Scene& scene, const std::vector<int>& objects, const DropArea& area, const KeyedRng& rng) {
    struct Placed {
        glm::dvec3 center;
        double radius;
    };
    std::vector<Placed> placed;
    for (int index : objects) {
        Object& o = scene.objects.at(size_t(index));
        KeyedRng r = rng.child(uint64_t(index));
        double radius = boundingRadius(o);
        glm::dvec3 c(area.center.x + r.uniform(-area.halfExtent.x, area.halfExtent.x),
                     area.center.y + r.uniform(-area.halfExtent.y, area.halfExtent.y), area.center.z + radius);
        // Lowest height where the bounding sphere clears every sphere placed before it.
        for (const auto& p : placed) {
            double reach = radius + p.radius + area.gap;
            double dx = c.x - p.center.x, dy = c.y - p.center.y;
            double d2 = dx * dx + dy * dy;
            if (d2 < reach * reach) c.z = std::max(c.z, p.center.z + std::sqrt(reach * reach - d2));
        }
        placed.push_back({c, radius});
        ModelPose pose = decomposeModelMatrix(o.modelToWorld);
        pose.rotation = uniformRotation(r);
        pose.translation = c;
        o.modelToWorld = composeModelMatrix(pose);
    }
}

SettleReport dropPile(Scene& scene, const std::vector<int>& objects, const DropArea& area, const KeyedRng& rng,
                      const SettleOptions& options) {
    placeForDrop(scene, objects, area, rng);
    return settle(scene, options);
}

}  // namespace sg
