// Built-in primitives against analytic geometry: closed-mesh volume by the divergence theorem,
// outward normals, triangle winding that agrees with the normals, and exact extents.
#include "TestUtil.h"

#include "scenes/Primitives.h"

#include <cmath>

using namespace sg;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Volume enclosed by a closed, consistently wound (counter-clockwise seen from outside) mesh:
// the sum over triangles of the signed tetrahedron volumes to the origin.
double enclosedVolume(const Mesh& m) {
    double v = 0;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        glm::dvec3 a = m.vertices[m.indices[t]].position, b = m.vertices[m.indices[t + 1]].position,
                   c = m.vertices[m.indices[t + 2]].position;
        v += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    return v;
}

// Every non-degenerate triangle's geometric normal points the same way as its vertex normals.
void checkWindingMatchesNormals(const Mesh& m) {
    int bad = 0;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        const Vertex &a = m.vertices[m.indices[t]], &b = m.vertices[m.indices[t + 1]], &c = m.vertices[m.indices[t + 2]];
        glm::dvec3 n = glm::cross(glm::dvec3(b.position - a.position), glm::dvec3(c.position - a.position));
        if (glm::length(n) < 1e-12) continue;
        glm::dvec3 avg = glm::dvec3(a.normal + b.normal + c.normal);
        bad += glm::dot(n, avg) <= 0;
    }
    CHECK(bad == 0);
}

PrimitiveShape shape(PrimitiveKind k, int segments = 256) {
    PrimitiveShape s;
    s.kind = k;
    s.segments = segments;
    return s;
}

}  // namespace

TEST_CASE("box: exact volume and extents") {
    auto s = shape(PrimitiveKind::Box);
    s.size = {0.2, 0.3, 0.5};
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(0.2 * 0.3 * 0.5).epsilon(1e-6));
    CHECK(m->boundsMin().x == Approx(-0.1));
    CHECK(m->boundsMax().z == Approx(0.25));
    checkWindingMatchesNormals(*m);
}

TEST_CASE("sphere: volume close to 4/3 pi r^3 and normals pointing away from the center") {
    auto s = shape(PrimitiveKind::Sphere);
    s.radius = 0.7;
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(4.0 / 3.0 * kPi * std::pow(0.7, 3)).epsilon(2e-3));
    for (const auto& v : m->vertices) {
        REQUIRE(glm::dot(v.normal, v.position) > 0);
        REQUIRE(glm::length(v.position) == Approx(0.7).epsilon(1e-5));
    }
    checkWindingMatchesNormals(*m);
}

TEST_CASE("cylinder: volume close to pi r^2 h") {
    auto s = shape(PrimitiveKind::Cylinder);
    s.radius = 0.3;
    s.height = 0.8;
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(kPi * 0.09 * 0.8).epsilon(2e-3));
    CHECK(m->boundsMax().z == Approx(0.4));
    checkWindingMatchesNormals(*m);
}

TEST_CASE("cone: volume close to pi r^2 h / 3") {
    auto s = shape(PrimitiveKind::Cone);
    s.radius = 0.3;
    s.height = 0.9;
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(kPi * 0.09 * 0.9 / 3).epsilon(2e-3));
    CHECK(m->boundsMin().z == Approx(-0.45));
    CHECK(m->boundsMax().z == Approx(0.45));
    checkWindingMatchesNormals(*m);
}

TEST_CASE("capsule: volume close to a cylinder plus a sphere") {
    auto s = shape(PrimitiveKind::Capsule);
    s.radius = 0.2;
    s.height = 0.5;
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(kPi * 0.04 * 0.5 + 4.0 / 3.0 * kPi * 0.008).epsilon(2e-3));
    CHECK(m->boundsMax().z == Approx(0.45));
    checkWindingMatchesNormals(*m);
}

TEST_CASE("torus: volume close to 2 pi^2 R r^2 and normals pointing away from the tube's center line") {
    auto s = shape(PrimitiveKind::Torus);
    s.radius = 0.5;
    s.minorRadius = 0.15;
    auto m = makePrimitiveMesh(s);
    CHECK(enclosedVolume(*m) == Approx(2 * kPi * kPi * 0.5 * 0.15 * 0.15).epsilon(2e-3));
    for (const auto& v : m->vertices) {
        glm::dvec3 p = v.position;
        glm::dvec3 ring = 0.5 * glm::normalize(glm::dvec3(p.x, p.y, 0));  // nearest point of the center circle
        REQUIRE(glm::dot(glm::dvec3(v.normal), p - ring) > 0);
    }
    checkWindingMatchesNormals(*m);
}

TEST_CASE("plane: faces +Z and spans its size") {
    auto s = shape(PrimitiveKind::Plane);
    s.size = {2, 3, 0};
    auto m = makePrimitiveMesh(s);
    CHECK(m->triangleCount() == 2);
    for (const auto& v : m->vertices) CHECK(v.normal == glm::vec3(0, 0, 1));
    CHECK(m->boundsMax().x == Approx(1));
    CHECK(m->boundsMax().y == Approx(1.5));
    checkWindingMatchesNormals(*m);
}

TEST_CASE("primitive tangents are unit length and perpendicular to the normals") {
    for (auto k : {PrimitiveKind::Box, PrimitiveKind::Sphere, PrimitiveKind::Torus, PrimitiveKind::Cone}) {
        auto m = makePrimitiveMesh(shape(k, 16));
        for (const auto& v : m->vertices) {
            REQUIRE(glm::length(glm::vec3(v.tangent)) == Approx(1.0f).margin(1e-4));
            REQUIRE(std::abs(glm::dot(glm::vec3(v.tangent), v.normal)) < 1e-4f);
        }
    }
}

TEST_CASE("primitive names round-trip") {
    for (auto k : {PrimitiveKind::Box, PrimitiveKind::Sphere, PrimitiveKind::Cylinder, PrimitiveKind::Cone, PrimitiveKind::Torus,
                   PrimitiveKind::Plane, PrimitiveKind::Capsule})
        CHECK(primitiveKindFromName(primitiveKindName(k)) == k);
    CHECK_FALSE(primitiveKindFromName("cube"));
}
