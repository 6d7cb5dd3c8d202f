#include "physics/PhysicsWorld.h"

#include <glm/gtc/matrix_transform.hpp>

namespace sg {

std::vector<Object> makeBin(const glm::dvec3& innerFloorCenter, const glm::dvec3& innerSize, double wallThickness,
                            std::shared_ptr<const Material> material, const std::string& name) {
    if (!material) {
        auto gray = std::make_shared<Material>();
        gray->name = name + "_material";
        gray->baseColor = glm::vec4(0.35f, 0.37f, 0.4f, 1.0f);
        gray->roughness = 0.7f;
        material = gray;
    }
    const double t = wallThickness, h = innerSize.z;
    const glm::dvec3 c = innerFloorCenter;
    auto box = [&](const std::string& suffix, glm::dvec3 size, glm::dvec3 center) {
        Object o;
        o.name = name + "_" + suffix;
        PrimitiveShape shape;
        shape.kind = PrimitiveKind::Box;
        shape.size = size;
        o.primitive = shape;
        o.parts.push_back(MeshPart{makePrimitiveMesh(shape), material, glm::dmat4(1.0)});
        o.modelToWorld = glm::translate(glm::dmat4(1.0), center);
        o.physics.mass = 0.0;
        return o;
    };
    // The x walls run the full outer length; the y walls fit between them, so no two pieces overlap.
    return {
        box("floor", {innerSize.x + 2 * t, innerSize.y + 2 * t, t}, c - glm::dvec3(0, 0, t / 2)),
        box("wall_xneg", {t, innerSize.y + 2 * t, h}, c + glm::dvec3(-(innerSize.x + t) / 2, 0, h / 2)),
        box("wall_xpos", {t, innerSize.y + 2 * t, h}, c + glm::dvec3((innerSize.x + t) / 2, 0, h / 2)),
        box("wall_yneg", {innerSize.x, t, h}, c + glm::dvec3(0, -(innerSize.y + t) / 2, h / 2)),
        box("wall_ypos", {innerSize.x, t, h}, c + glm::dvec3(0, (innerSize.y + t) / 2, h / 2)),
    };
}

}  // namespace sg
