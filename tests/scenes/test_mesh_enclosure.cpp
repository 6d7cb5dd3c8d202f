// Closed or open, and wound which way: hand-built meshes whose answer is known by construction,
// and the built-in shapes, whose seams split vertices that must weld back together.
#include "TestUtil.h"

#include "scenes/MeshEnclosure.h"
#include "scenes/Primitives.h"

#include <algorithm>

using namespace sg;

namespace {

// A tetrahedron with corners at the origin and on the three axes, every face counter-clockwise
// seen from outside (its normal, by the right-hand rule, points away from the fourth corner).
Mesh tetrahedron() {
    Mesh m;
    for (glm::vec3 p : {glm::vec3(0, 0, 0), glm::vec3(1, 0, 0), glm::vec3(0, 1, 0), glm::vec3(0, 0, 1)}) m.vertices.push_back({p});
    m.indices = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
    return m;
}

Mesh reversed(Mesh m) {
    for (size_t t = 0; t < m.indices.size(); t += 3) std::swap(m.indices[t + 1], m.indices[t + 2]);
    return m;
}

std::shared_ptr<Mesh> primitive(PrimitiveKind kind) {
    PrimitiveShape s;
    s.kind = kind;
    s.segments = 24;
    return makePrimitiveMesh(s);
}

}  // namespace

TEST_CASE("a tetrahedron wound counter-clockwise from outside is closed and outward") {
    CHECK(meshEnclosure(tetrahedron()) == MeshEnclosure::ClosedOutward);
}

TEST_CASE("the same tetrahedron with every triangle reversed is closed and inward") {
    CHECK(meshEnclosure(reversed(tetrahedron())) == MeshEnclosure::ClosedInward);
}

TEST_CASE("a tetrahedron missing a face is open") {
    Mesh m = tetrahedron();
    m.indices.resize(9);
    CHECK(meshEnclosure(m) == MeshEnclosure::Open);
}

TEST_CASE("a tetrahedron with one face wound the wrong way is open") {
    Mesh m = tetrahedron();
    std::swap(m.indices[1], m.indices[2]);
    CHECK(meshEnclosure(m) == MeshEnclosure::Open);
}

TEST_CASE("a tetrahedron whose vertices are split per face, as for flat normals, is still closed") {
    Mesh shared = tetrahedron(), split;
    for (uint32_t i : shared.indices) {
        split.vertices.push_back(shared.vertices[i]);
        split.indices.push_back(uint32_t(split.indices.size()));
    }
    // A corner written as -0 on one face and +0 on another is the same point.
    split.vertices[0].position.x = -0.0f;
    CHECK(meshEnclosure(split) == MeshEnclosure::ClosedOutward);
}

TEST_CASE("a sheet and its reverse coincide and enclose nothing") {
    Mesh m = tetrahedron();
    m.indices = {0, 1, 2, 0, 2, 1};
    CHECK(meshEnclosure(m) == MeshEnclosure::Open);
}

TEST_CASE("meshes without triangles are open") {
    CHECK(meshEnclosure(Mesh{}) == MeshEnclosure::Open);
    Mesh degenerate = tetrahedron();
    degenerate.indices = {0, 0, 1};
    CHECK(meshEnclosure(degenerate) == MeshEnclosure::Open);
}

TEST_CASE("every built-in solid is closed and wound outward; the plane is open") {
    for (PrimitiveKind kind : {PrimitiveKind::Box, PrimitiveKind::Sphere, PrimitiveKind::Cylinder, PrimitiveKind::Cone,
                               PrimitiveKind::Torus, PrimitiveKind::Capsule}) {
        INFO(primitiveKindName(kind));
        CHECK(meshEnclosure(*primitive(kind)) == MeshEnclosure::ClosedOutward);
        CHECK(meshEnclosure(reversed(*primitive(kind))) == MeshEnclosure::ClosedInward);
    }
    CHECK(meshEnclosure(*primitive(PrimitiveKind::Plane)) == MeshEnclosure::Open);
}
