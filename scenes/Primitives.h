#pragma once
// Built-in parametric shapes, centered on the model origin. Axis-symmetric shapes (cylinder,
// cone, capsule, torus) have their axis along model +Z; the plane lies in z = 0 facing +Z.
#include "scenes/Mesh.h"

#include <memory>
#include <optional>
#include <string>

namespace sg {

enum class PrimitiveKind { Box, Sphere, Cylinder, Cone, Torus, Plane, Capsule };

struct PrimitiveShape {
    PrimitiveKind kind = PrimitiveKind::Box;
    glm::dvec3 size{1.0};       // box: full extents x, y, z; plane: x, y (z unused)
    double radius = 0.5;        // sphere, cylinder, cone (base), capsule; torus: major radius
    double height = 1.0;        // cylinder, cone: full height; capsule: length of the straight part
    double minorRadius = 0.25;  // torus tube radius
    int segments = 64;          // around the axis (latitude bands = segments / 2)
};

std::optional<PrimitiveKind> primitiveKindFromName(const std::string& name);
std::string primitiveKindName(PrimitiveKind kind);

std::shared_ptr<Mesh> makePrimitiveMesh(const PrimitiveShape& shape);

}  // namespace sg
