// Chips: a part's mesh minus a parallelepiped cutter (scenes/Chip.h, scenes/MeshBoolean.h), checked
// against closed-form volumes and an edge count written here, independent of CGAL.
#include "scenes/Chip.h"
#include "scenes/MeshBoolean.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <map>

using namespace sg;

namespace {

Object primitivePart(const PrimitiveShape& shape) {
    Object o;
    o.name = primitiveKindName(shape.kind);
    o.parts.push_back({makePrimitiveMesh(shape), nullptr, glm::dmat4(1.0)});
    return o;
}

PrimitiveShape box(double x, double y, double z) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Box;
    s.size = {x, y, z};
    return s;
}

// Closed = every edge between welded positions is used exactly once in each direction (triangles
// whose corners round to fewer than three float positions have no area and are left out).
bool isClosed(const Mesh& m) {
    std::map<std::array<float, 3>, int> ids;
    auto id = [&](uint32_t i) {
        const glm::vec3& p = m.vertices[i].position;
        return ids.try_emplace({p.x, p.y, p.z}, int(ids.size())).first->second;
    };
    std::map<std::pair<int, int>, int> directed;
    for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
        const int v[3] = {id(m.indices[t]), id(m.indices[t + 1]), id(m.indices[t + 2])};
        if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2]) continue;
        for (int c = 0; c < 3; ++c) ++directed[{v[c], v[(c + 1) % 3]}];
    }
    for (const auto& [edge, n] : directed) {
        auto back = directed.find({edge.second, edge.first});
        if (n != 1 || back == directed.end() || back->second != 1) return false;
    }
    return !directed.empty();
}

// A cube of half-size h rotated 45 degrees about z, centered on (x, y, z).
glm::dmat4 diamondCutter(double h, glm::dvec3 center, double halfHeight) {
    glm::dmat4 m = glm::translate(glm::dmat4(1.0), center) * glm::rotate(glm::dmat4(1.0), glm::radians(45.0), glm::dvec3(0, 0, 1));
    return m * glm::scale(glm::dmat4(1.0), glm::dvec3(h, h, halfHeight));
}

}  // namespace

TEST_CASE("a box's mesh volume is its analytic volume") {
    CHECK(meshVolume(*makePrimitiveMesh(box(0.1, 0.08, 0.02))) == Approx(0.1 * 0.08 * 0.02).epsilon(1e-6));
}

TEST_CASE("a box minus a diamond cutter at its corner is closed and has lost the analytic corner prism") {
    // The diamond centered on the corner (0.05, 0.05) reaches h sqrt(2) along both edges: the part
    // inside the box is a right triangle with legs h sqrt(2) (area h^2), through the whole height.
    const double h = 0.01, height = 0.02;
    Object part = primitivePart(box(0.1, 0.1, height));
    ChipCut cut = cutChip(part, diamondCutter(h, {0.05, 0.05, 0.0}, 0.02));
    const Mesh& chipped = *part.parts[0].mesh;
    CHECK(isClosed(chipped));
    CHECK(meshVolume(chipped) == Approx(0.1 * 0.1 * height - h * h * height).epsilon(1e-6));
    CHECK(cut.removedVolume == Approx(h * h * height).epsilon(1e-6));
    // The fracture: the triangle's hypotenuse (one diamond face, 2 h long) through the whole height.
    CHECK(cut.fractureArea == Approx(2 * h * height).epsilon(1e-6));
}

TEST_CASE("a chip's fracture triangles lie on the cutter's boundary; the others keep the box's face normals") {
    const Mesh boxMesh = *makePrimitiveMesh(box(0.1, 0.1, 0.02));
    const glm::dmat4 cutter = diamondCutter(0.01, {0.05, 0.05, 0.005}, 0.01);  // a notch 0.005 deep into the top
    MeshDifference d = subtractParallelepiped(boxMesh, cutter);
    REQUIRE(d.changed);
    const glm::dmat4 toCube = glm::inverse(cutter);
    int fracture = 0;
    for (size_t t = 0; t < d.onCutter.size(); ++t) {
        glm::dvec3 centroid(0.0);
        for (int c = 0; c < 3; ++c) centroid += glm::dvec3(d.mesh.vertices[d.mesh.indices[t * 3 + c]].position) / 3.0;
        glm::dvec3 q = glm::abs(glm::dvec3(toCube * glm::dvec4(centroid, 1.0)));
        double boundary = std::max(q.x, std::max(q.y, q.z));
        glm::dvec3 n(d.mesh.vertices[d.mesh.indices[t * 3]].normal);
        bool axisNormal = std::abs(std::abs(n.x) + std::abs(n.y) + std::abs(n.z) - 1.0) < 1e-6;  // a box face's normal
        if (d.onCutter[t]) {
            ++fracture;
            CHECK(boundary == Approx(1.0).epsilon(1e-6));
        } else {
            CHECK(axisNormal);
        }
    }
    CHECK(fracture >= 3);  // two walls and the floor of the notch
}

TEST_CASE("every closed primitive can be chipped: the result is closed and lost less than the cutter's volume") {
    for (PrimitiveKind kind : {PrimitiveKind::Box, PrimitiveKind::Sphere, PrimitiveKind::Cylinder, PrimitiveKind::Cone,
                               PrimitiveKind::Torus, PrimitiveKind::Capsule}) {
        PrimitiveShape s;
        s.kind = kind;
        s.segments = 32;
        Object part = primitivePart(s);
        // The cutter around the mesh's first vertex, which lies on the surface.
        glm::dvec3 p(part.parts[0].mesh->vertices[0].position);
        const double h = 0.05;
        ChipCut cut = cutChip(part, glm::translate(glm::dmat4(1.0), p) * glm::scale(glm::dmat4(1.0), glm::dvec3(h)));
        INFO(primitiveKindName(kind));
        CHECK(isClosed(*part.parts[0].mesh));
        CHECK(cut.removedVolume > 0);
        CHECK(cut.removedVolume < 8 * h * h * h);
    }
}

TEST_CASE("chipping an open mesh is refused with a message naming the mesh and the fix") {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Plane;
    Object part = primitivePart(s);
    try {
        cutChip(part, glm::scale(glm::dmat4(1.0), glm::dvec3(0.1)));
        FAIL("no error");
    } catch (const MeshBooleanError& e) {
        std::string m = e.what();
        CHECK(m.find("mesh 'plane'") != std::string::npos);
        CHECK(m.find("not closed") != std::string::npos);
        CHECK(m.find("fix:") != std::string::npos);
    }
}
