#pragma once
// Small scene builders shared by the physics tests.
#include "physics/PhysicsWorld.h"

#include <glm/gtc/matrix_transform.hpp>

#include <string>

namespace sg::test {

inline std::shared_ptr<const Material> grayMaterial() {
    static auto m = std::make_shared<const Material>();
    return m;
}

// An object with a primitive shape (exact physics) and its render mesh.
inline Object primitiveObject(const std::string& name, const PrimitiveShape& shape, const glm::dmat4& pose, double mass = 1.0,
                              double friction = 0.5) {
    Object o;
    o.name = name;
    o.primitive = shape;
    o.parts.push_back(MeshPart{makePrimitiveMesh(shape), grayMaterial(), glm::dmat4(1.0)});
    o.modelToWorld = pose;
    o.physics.mass = mass;
    o.physics.friction = friction;
    return o;
}

// The same mesh but without Object::primitive: physics must treat it as a mesh (convex hull
// when dynamic, triangle mesh when static).
inline Object meshObject(const std::string& name, const PrimitiveShape& shape, const glm::dmat4& pose, double mass = 1.0,
                         const glm::dmat4& partToModel = glm::dmat4(1.0)) {
    Object o = primitiveObject(name, shape, pose, mass);
    o.primitive.reset();
    o.parts[0].partToModel = partToModel;
    return o;
}

inline PrimitiveShape box(glm::dvec3 size) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Box;
    s.size = size;
    return s;
}
inline PrimitiveShape sphere(double r) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Sphere;
    s.radius = r;
    s.segments = 24;
    return s;
}
inline PrimitiveShape cylinder(double r, double h) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Cylinder;
    s.radius = r;
    s.height = h;
    s.segments = 24;
    return s;
}
inline PrimitiveShape cone(double r, double h) {
    PrimitiveShape s = cylinder(r, h);
    s.kind = PrimitiveKind::Cone;
    return s;
}
inline PrimitiveShape capsule(double r, double h) {
    PrimitiveShape s = cylinder(r, h);
    s.kind = PrimitiveKind::Capsule;
    return s;
}
inline PrimitiveShape torus(double R, double r) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Torus;
    s.radius = R;
    s.minorRadius = r;
    s.segments = 24;
    return s;
}

inline glm::dmat4 at(glm::dvec3 p) { return glm::translate(glm::dmat4(1.0), p); }

// A large static floor: a box whose top face is z = 0.
inline Object floorObject(double friction = 0.5) {
    Object f = primitiveObject("floor", box({4, 4, 0.1}), at({0, 0, -0.05}), 0.0, friction);
    return f;
}

// Every vertex of the object's render meshes in world coordinates.
inline std::vector<glm::dvec3> worldPoints(const Object& o) {
    std::vector<glm::dvec3> pts;
    for (const auto& part : o.parts)
        for (const auto& v : part.mesh->vertices)
            pts.push_back(glm::dvec3(o.modelToWorld * part.partToModel * glm::dvec4(glm::dvec3(v.position), 1.0)));
    return pts;
}

// 30 mixed objects (boxes, spheres, cylinders, capsules, cones, two convex-hull meshes) over a bin
// of inner size 0.3 x 0.3 x 0.2 m whose floor's top face is at z = 0. Objects come after the
// 5 bin pieces, so they are scene.objects[5 .. 34].
inline Scene pileScene(int count = 30, uint64_t seed = 7) {
    Scene scene;
    for (auto& o : makeBin({0, 0, 0}, {0.3, 0.3, 0.2}, 0.01)) scene.objects.push_back(o);
    std::vector<int> movable;
    for (int i = 0; i < count; ++i) {
        Object o;
        std::string n = "obj" + std::to_string(i);
        switch (i % 6) {
            case 0: o = primitiveObject(n, box({0.04, 0.03, 0.02}), glm::dmat4(1.0), 0.05); break;
            case 1: o = primitiveObject(n, sphere(0.02), glm::dmat4(1.0), 0.04); break;
            case 2: o = primitiveObject(n, cylinder(0.015, 0.05), glm::dmat4(1.0), 0.05); break;
            case 3: o = primitiveObject(n, capsule(0.012, 0.03), glm::dmat4(1.0), 0.03); break;
            case 4: o = primitiveObject(n, cone(0.02, 0.04), glm::dmat4(1.0), 0.03); break;
            case 5:
                o = (i % 12 == 5) ? meshObject(n, box({0.05, 0.03, 0.025}), glm::dmat4(1.0), 0.05)
                                  : meshObject(n, cylinder(0.02, 0.03), glm::dmat4(1.0), 0.05);
                break;
        }
        movable.push_back(int(scene.objects.size()));
        scene.objects.push_back(o);
    }
    DropArea area;
    area.center = {0, 0, 0.01};
    area.halfExtent = {0.1, 0.1};
    placeForDrop(scene, movable, area, KeyedRng(seed, 0, 0, "drop"));
    return scene;
}

}  // namespace sg::test
