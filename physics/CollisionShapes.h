#pragma once
// Internal to sg_physics: Bullet collision shapes and mass properties for one scene Object.
#include "scenes/Scene.h"

#include <btBulletDynamicsCommon.h>

#include <memory>
#include <vector>

namespace sg {

// modelToWorld = [rotation * diag(scale) | translation]; rotation is proper (det +1), a mirror
// shows up as a negative scale.x. Shear is dropped (rotation is re-orthonormalized).
struct ModelPose {
    glm::dmat3 rotation{1.0};
    glm::dvec3 translation{0.0};
    glm::dvec3 scale{1.0};
};
ModelPose decomposeModelMatrix(const glm::dmat4& modelToWorld);
glm::dmat4 composeModelMatrix(const ModelPose& pose);

// Every vertex of the object's render meshes in scaled model coordinates (partToModel and scale
// applied). Objects without parts but with a primitive use a coarse mesh of the primitive.
std::vector<glm::dvec3> scaledModelPoints(const Object& object, const glm::dvec3& scale);

struct BodyShape {
    std::unique_ptr<btCollisionShape> shape;                  // in the body frame
    std::vector<std::unique_ptr<btCollisionShape>> children;  // owned children of a compound
    std::unique_ptr<btTriangleMesh> triangles;                // owned data of a triangle-mesh shape
    // The body frame (centre of mass, principal axes) expressed in the scaled model frame.
    glm::dmat3 bodyRotationInModel{1.0};
    glm::dvec3 bodyOriginInModel{0.0};
    glm::dvec3 principalInertia{0.0};  // kg m^2 for the object's mass (dynamic bodies only)
    double innerRadius = 0.0;          // a sphere this big fits inside (for CCD)
    bool round = false;                // rolls: gets rolling friction
};

// Builds the collision shape: exact Bullet shapes for primitives, a convex hull for dynamic
// meshes, a static triangle mesh for static meshes. Returns an empty shape for objects without
// geometry. `mass` is used for the inertia of dynamic shapes.
BodyShape buildBodyShape(const Object& object, const glm::dvec3& scale, bool dynamic, double mass);

}  // namespace sg
