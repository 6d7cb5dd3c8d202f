#include "scenes/Primitives.h"

#include <cmath>
#include <functional>

namespace sg {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Adds a (rows+1) x (cols+1) grid of vertices from a parametric surface and its triangles.
// surface(u, v) returns position and outward normal for u, v in [0, 1].
void addGrid(Mesh& m, int cols, int rows, const std::function<void(double u, double v, glm::dvec3& p, glm::dvec3& n)>& surface) {
    uint32_t base = uint32_t(m.vertices.size());
    for (int r = 0; r <= rows; ++r) {
        for (int c = 0; c <= cols; ++c) {
            double u = double(c) / cols, v = double(r) / rows;
            glm::dvec3 p, n;
            surface(u, v, p, n);
            Vertex vert;
            vert.position = glm::vec3(p);
            vert.normal = glm::vec3(glm::normalize(n));
            vert.uv = glm::vec2(float(u), float(v));
            m.vertices.push_back(vert);
        }
    }
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            uint32_t i00 = base + r * (cols + 1) + c, i10 = i00 + 1;
            uint32_t i01 = i00 + (cols + 1), i11 = i01 + 1;
            // Counter-clockwise seen from the normal side, given u runs "right" and v "up" on the surface.
            m.indices.insert(m.indices.end(), {i00, i10, i11, i00, i11, i01});
        }
    }
}

// A flat disk at height z facing +Z (up = true) or -Z.
void addDisk(Mesh& m, double radius, double z, bool up, int segments) {
    uint32_t center = uint32_t(m.vertices.size());
    glm::vec3 n(0, 0, up ? 1 : -1);
    m.vertices.push_back({glm::vec3(0, 0, z), n, glm::vec2(0.5f), glm::vec4(1, 0, 0, 1)});
    for (int i = 0; i <= segments; ++i) {
        double a = 2 * kPi * i / segments;
        glm::vec3 p(radius * std::cos(a), radius * std::sin(a), z);
        m.vertices.push_back({p, n, glm::vec2(0.5f + 0.5f * std::cos(a), 0.5f + 0.5f * std::sin(a)), glm::vec4(1, 0, 0, 1)});
    }
    for (int i = 0; i < segments; ++i) {
        uint32_t a = center + 1 + i, b = a + 1;
        if (up) m.indices.insert(m.indices.end(), {center, a, b});
        else m.indices.insert(m.indices.end(), {center, b, a});
    }
}

void addBox(Mesh& m, glm::dvec3 size) {
    glm::dvec3 h = size * 0.5;
    // Each face: normal axis, and two in-plane axes (u, v) with u x v = normal.
    const int faces[6][3] = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {1, 0, 2}, {2, 1, 0}};
    for (int f = 0; f < 6; ++f) {
        int ax = faces[f][0], au = faces[f][1], av = faces[f][2];
        double sign = f < 3 ? 1.0 : -1.0;
        addGrid(m, 1, 1, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
            p = glm::dvec3(0);
            n = glm::dvec3(0);
            p[ax] = sign * h[ax];
            n[ax] = sign;
            // For the negative faces, (u, v) = (third, second) axes keeps u x v = -axis.
            p[au] = (2 * u - 1) * h[au];
            p[av] = (2 * v - 1) * h[av];
        });
    }
}

}  // namespace

std::optional<PrimitiveKind> primitiveKindFromName(const std::string& name) {
    for (auto k : {PrimitiveKind::Box, PrimitiveKind::Sphere, PrimitiveKind::Cylinder, PrimitiveKind::Cone, PrimitiveKind::Torus,
                   PrimitiveKind::Plane, PrimitiveKind::Capsule})
        if (primitiveKindName(k) == name) return k;
    return std::nullopt;
}

std::string primitiveKindName(PrimitiveKind kind) {
    switch (kind) {
        case PrimitiveKind::Box: return "box";
        case PrimitiveKind::Sphere: return "sphere";
        case PrimitiveKind::Cylinder: return "cylinder";
        case PrimitiveKind::Cone: return "cone";
        case PrimitiveKind::Torus: return "torus";
        case PrimitiveKind::Plane: return "plane";
        case PrimitiveKind::Capsule: return "capsule";
    }
    return "?";
}

std::shared_ptr<Mesh> makePrimitiveMesh(const PrimitiveShape& s) {
    auto m = std::make_shared<Mesh>();
    m->name = primitiveKindName(s.kind);
    const int seg = std::max(3, s.segments);
    const int bands = std::max(2, seg / 2);
    switch (s.kind) {
        case PrimitiveKind::Box: addBox(*m, s.size); break;
        case PrimitiveKind::Plane:
            addGrid(*m, 1, 1, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                p = {(u - 0.5) * s.size.x, (v - 0.5) * s.size.y, 0};
                n = {0, 0, 1};
            });
            break;
        case PrimitiveKind::Sphere:
            addGrid(*m, seg, bands, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                double phi = 2 * kPi * u, theta = kPi * (v - 0.5);  // latitude from -90 to +90 degrees
                n = {std::cos(theta) * std::cos(phi), std::cos(theta) * std::sin(phi), std::sin(theta)};
                p = s.radius * n;
            });
            break;
        case PrimitiveKind::Cylinder:
            addGrid(*m, seg, 1, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                double phi = 2 * kPi * u;
                n = {std::cos(phi), std::sin(phi), 0};
                p = {s.radius * n.x, s.radius * n.y, (v - 0.5) * s.height};
            });
            addDisk(*m, s.radius, 0.5 * s.height, true, seg);
            addDisk(*m, s.radius, -0.5 * s.height, false, seg);
            break;
        case PrimitiveKind::Cone: {
            double slope = s.radius / s.height;
            addGrid(*m, seg, std::max(1, bands / 4), [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                double phi = 2 * kPi * u;
                double r = s.radius * (1 - v);
                p = {r * std::cos(phi), r * std::sin(phi), (v - 0.5) * s.height};
                n = {std::cos(phi), std::sin(phi), slope};
            });
            addDisk(*m, s.radius, -0.5 * s.height, false, seg);
            break;
        }
        case PrimitiveKind::Torus:
            addGrid(*m, seg, bands, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                double phi = 2 * kPi * u, theta = 2 * kPi * v;
                glm::dvec3 ring(std::cos(phi), std::sin(phi), 0);
                n = std::cos(theta) * ring + glm::dvec3(0, 0, std::sin(theta));
                p = s.radius * ring + s.minorRadius * n;
            });
            break;
        case PrimitiveKind::Capsule: {
            // A cylinder of length `height` capped by two hemispheres; v runs from the bottom pole to the top one.
            int capBands = std::max(2, bands / 2);
            int rows = 2 * capBands + 1;
            addGrid(*m, seg, rows, [&](double u, double v, glm::dvec3& p, glm::dvec3& n) {
                double phi = 2 * kPi * u;
                int r = int(std::lround(v * rows));
                double theta, zOffset;
                if (r <= capBands) {
                    theta = -0.5 * kPi + 0.5 * kPi * r / capBands;
                    zOffset = -0.5 * s.height;
                } else {
                    theta = 0.5 * kPi * (r - capBands - 1) / capBands;
                    zOffset = 0.5 * s.height;
                }
                n = {std::cos(theta) * std::cos(phi), std::cos(theta) * std::sin(phi), std::sin(theta)};
                p = s.radius * n + glm::dvec3(0, 0, zOffset);
            });
            break;
        }
    }
    computeTangents(*m);
    return m;
}

}  // namespace sg
