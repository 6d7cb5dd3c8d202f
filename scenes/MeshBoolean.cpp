#include "scenes/MeshBoolean.h"

#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Polygon_mesh_processing/bbox.h>
#include <CGAL/Polygon_mesh_processing/corefinement.h>
#include <CGAL/Polygon_mesh_processing/orientation.h>
#include <CGAL/Polygon_mesh_processing/self_intersections.h>
#include <CGAL/Surface_mesh.h>

#include <algorithm>
#include <cmath>

namespace sg {

namespace {

// Exact predicates: the corefinement's decisions are exact; new points are rounded to double.
using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;
using Point = Kernel::Point_3;
using SurfaceMesh = CGAL::Surface_mesh<Point>;
using FaceIndex = SurfaceMesh::Face_index;
using VertexIndex = SurfaceMesh::Vertex_index;
namespace PMP = CGAL::Polygon_mesh_processing;

// Per face of the working mesh: the input triangle it is (part of), -1 = from the cutter.
using OriginMap = SurfaceMesh::Property_map<FaceIndex, int>;

std::string named(const Mesh& mesh) { return "mesh '" + (mesh.name.empty() ? std::string("(unnamed)") : mesh.name) + "'"; }

// The input with its vertices welded (weldedVertexIds: generated shapes put the vertices of a pole or
// seam at positions that differ only by rounding); zero-area triangles dropped.
SurfaceMesh weldedSurface(const Mesh& mesh, OriginMap& origin) {
    SurfaceMesh sm;
    origin = sm.add_property_map<FaceIndex, int>("f:origin", -1).first;
    const std::vector<uint32_t> ids = weldedVertexIds(mesh);
    std::vector<VertexIndex> surfaceVertex(mesh.vertices.size(), SurfaceMesh::null_vertex());
    // Surface vertices are added in the order triangles first use them, at that first vertex's position.
    auto vertexAt = [&](uint32_t i) {
        VertexIndex& v = surfaceVertex[ids[i]];
        if (v == SurfaceMesh::null_vertex()) {
            const glm::vec3& p = mesh.vertices[i].position;
            v = sm.add_vertex(Point(p.x, p.y, p.z));
        }
        return v;
    };
    for (size_t t = 0; t * 3 + 2 < mesh.indices.size(); ++t) {
        VertexIndex v[3];
        for (int c = 0; c < 3; ++c) v[c] = vertexAt(mesh.indices[t * 3 + c]);
        if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2] || CGAL::collinear(sm.point(v[0]), sm.point(v[1]), sm.point(v[2]))) continue;
        FaceIndex f = sm.add_face(v[0], v[1], v[2]);
        if (f == SurfaceMesh::null_face())
            throw MeshBooleanError(named(mesh) +
                                   " is not a manifold surface (an edge has more than two triangles, or "
                                   "neighbouring triangles wind oppositely), so material cannot be cut from it; fix: repair "
                                   "the mesh (e.g. MeshLab's non-manifold and orientation filters) or give chips weight 0");
        origin[f] = int(t);
    }
    return sm;
}

void requireSolid(const Mesh& mesh, const SurfaceMesh& sm) {
    const std::string fix =
        "; fix: close and repair the mesh (e.g. MeshLab's hole filling and self-intersection "
        "filters) or give chips weight 0 for this part";
    if (!CGAL::is_closed(sm)) throw MeshBooleanError(named(mesh) + " is not closed (it has holes or open edges)" + fix);
    if (PMP::does_self_intersect(sm)) throw MeshBooleanError(named(mesh) + " intersects itself" + fix);
    if (!PMP::does_bound_a_volume(sm)) throw MeshBooleanError(named(mesh) + " does not bound a volume" + fix);
}

SurfaceMesh parallelepiped(const glm::dmat4& cubeToMesh) {
    SurfaceMesh sm;
    VertexIndex v[8];
    for (int i = 0; i < 8; ++i) {
        glm::dvec3 p(cubeToMesh * glm::dvec4(i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1, 1));
        v[i] = sm.add_vertex(Point(p.x, p.y, p.z));
    }
    // The cube's faces, counter-clockwise seen from outside (corner i = bits x, y, z).
    const int quads[6][4] = {{0, 4, 6, 2}, {1, 3, 7, 5}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 2, 3, 1}, {4, 5, 7, 6}};
    const bool mirrored = glm::determinant(glm::dmat3(cubeToMesh)) < 0;
    for (const auto& q : quads) {
        if (mirrored) {
            sm.add_face(v[q[0]], v[q[2]], v[q[1]]), sm.add_face(v[q[0]], v[q[3]], v[q[2]]);
        } else {
            sm.add_face(v[q[0]], v[q[1]], v[q[2]]), sm.add_face(v[q[0]], v[q[2]], v[q[3]]);
        }
    }
    return sm;
}

// Keeps each face's origin through the corefinement: split faces pass theirs to their pieces,
// faces copied from the cutter get -1.
struct OriginVisitor : PMP::Corefinement::Default_visitor<SurfaceMesh> {
    SurfaceMesh* target = nullptr;
    OriginMap* origin = nullptr;
    int splitting = -1;
    void before_subface_creations(FaceIndex f, SurfaceMesh& tm) {
        if (&tm == target) splitting = (*origin)[f];
    }
    void after_subface_created(FaceIndex f, SurfaceMesh& tm) {
        if (&tm == target) (*origin)[f] = splitting;
    }
    void after_face_copy(FaceIndex, const SurfaceMesh&, FaceIndex f, SurfaceMesh& tm) {
        if (&tm == target) (*origin)[f] = -1;
    }
};

// The input triangle's attributes at point x of its plane (barycentric interpolation).
Vertex interpolated(const Mesh& mesh, int triangle, const glm::dvec3& x) {
    const Vertex* v[3];
    for (int c = 0; c < 3; ++c) v[c] = &mesh.vertices[mesh.indices[size_t(triangle) * 3 + c]];
    glm::dvec3 a(v[0]->position), e1 = glm::dvec3(v[1]->position) - a, e2 = glm::dvec3(v[2]->position) - a, r = x - a;
    double d11 = glm::dot(e1, e1), d12 = glm::dot(e1, e2), d22 = glm::dot(e2, e2), r1 = glm::dot(r, e1), r2 = glm::dot(r, e2);
    double den = d11 * d22 - d12 * d12;
    float b1 = float((d22 * r1 - d12 * r2) / den), b2 = float((d11 * r2 - d12 * r1) / den), b0 = 1.0f - b1 - b2;
    Vertex out;
    out.position = glm::vec3(x);
    out.normal = glm::normalize(b0 * v[0]->normal + b1 * v[1]->normal + b2 * v[2]->normal);
    out.uv = b0 * v[0]->uv + b1 * v[1]->uv + b2 * v[2]->uv;
    out.tangent = b0 * v[0]->tangent + b1 * v[1]->tangent + b2 * v[2]->tangent;
    return out;
}

void appendFractureTriangle(const glm::dvec3 p[3], Mesh& out) {
    glm::dvec3 n = glm::normalize(glm::cross(p[1] - p[0], p[2] - p[0]));
    glm::dvec3 t = glm::normalize(p[1] - p[0]);
    for (int c = 0; c < 3; ++c) {
        Vertex v;
        v.position = glm::vec3(p[c]);
        v.normal = glm::vec3(n);
        v.tangent = glm::vec4(glm::vec3(t), 1.0f);
        out.indices.push_back(uint32_t(out.vertices.size()));
        out.vertices.push_back(v);
    }
}

MeshDifference toMesh(const Mesh& input, const SurfaceMesh& sm, const OriginMap& origin) {
    MeshDifference d;
    d.mesh.name = input.name;
    for (FaceIndex f : sm.faces()) {
        glm::dvec3 p[3];
        int c = 0;
        for (VertexIndex v : CGAL::vertices_around_face(sm.halfedge(f), sm)) {
            const Point& q = sm.point(v);
            p[c++] = {q.x(), q.y(), q.z()};
        }
        const int from = origin[f];
        d.onCutter.push_back(from < 0);
        d.changed |= from < 0;
        if (from < 0) {
            appendFractureTriangle(p, d.mesh);
            continue;
        }
        for (int k = 0; k < 3; ++k) {
            d.mesh.indices.push_back(uint32_t(d.mesh.vertices.size()));
            d.mesh.vertices.push_back(interpolated(input, from, p[k]));
        }
    }
    return d;
}

}  // namespace

MeshDifference subtractParallelepiped(const Mesh& mesh, const glm::dmat4& cubeToMesh) {
    OriginMap origin;
    SurfaceMesh sm = weldedSurface(mesh, origin);
    requireSolid(mesh, sm);
    SurfaceMesh cutter = parallelepiped(cubeToMesh);
    if (!CGAL::do_overlap(PMP::bbox(sm), PMP::bbox(cutter))) return {mesh, std::vector<bool>(mesh.triangleCount(), false), false};
    OriginVisitor visitor;
    visitor.target = &sm;
    visitor.origin = &origin;
    if (!PMP::corefine_and_compute_difference(sm, cutter, sm, PMP::parameters::visitor(visitor)))
        throw MeshBooleanError("cutting a chip from " + named(mesh) + " failed (the result would not bound a volume)");
    return toMesh(mesh, sm, origin);
}

}  // namespace sg
