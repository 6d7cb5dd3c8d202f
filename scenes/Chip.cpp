#include "scenes/Chip.h"

#include "scenes/MeshBoolean.h"

#include <cmath>

namespace sg {

namespace {

// The mesh with partToModel applied, so the cut and its result live in the model frame.
Mesh inModelFrame(const Mesh& mesh, const glm::dmat4& partToModel) {
    Mesh out = mesh;
    const glm::dmat3 linear(partToModel), normalMatrix = glm::transpose(glm::inverse(linear));
    for (Vertex& v : out.vertices) {
        v.position = glm::vec3(partToModel * glm::dvec4(glm::dvec3(v.position), 1.0));
        v.normal = glm::vec3(glm::normalize(normalMatrix * glm::dvec3(v.normal)));
        v.tangent = glm::vec4(glm::vec3(glm::normalize(linear * glm::dvec3(v.tangent))), v.tangent.w);
    }
    return out;
}

bool boxesOverlap(const Mesh& mesh, const glm::dmat4& cutterToModel) {
    glm::dvec3 lo(1e300), hi(-1e300);
    for (int i = 0; i < 8; ++i) {
        glm::dvec3 p(cutterToModel * glm::dvec4(i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1, 1));
        lo = glm::min(lo, p), hi = glm::max(hi, p);
    }
    return glm::all(glm::lessThanEqual(lo, glm::dvec3(mesh.boundsMax()))) &&
           glm::all(glm::lessThanEqual(glm::dvec3(mesh.boundsMin()), hi));
}

double fractureArea(const MeshDifference& d) {
    double area = 0;
    for (size_t t = 0; t < d.onCutter.size(); ++t) {
        if (!d.onCutter[t]) continue;
        glm::dvec3 p[3];
        for (int c = 0; c < 3; ++c) p[c] = glm::dvec3(d.mesh.vertices[d.mesh.indices[t * 3 + c]].position);
        area += 0.5 * glm::length(glm::cross(p[1] - p[0], p[2] - p[0]));
    }
    return area;
}

}  // namespace

double meshVolume(const Mesh& mesh) {
    double six = 0;
    for (size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        glm::dvec3 a(mesh.vertices[mesh.indices[i]].position), b(mesh.vertices[mesh.indices[i + 1]].position),
            c(mesh.vertices[mesh.indices[i + 2]].position);
        six += glm::dot(a, glm::cross(b, c));
    }
    return six / 6.0;
}

ChipCut cutChip(Object& part, const glm::dmat4& cutterToModel) {
    ChipCut cut;
    for (MeshPart& mp : part.parts) {
        if (!mp.mesh) continue;
        Mesh model = inModelFrame(*mp.mesh, mp.partToModel);
        if (!boxesOverlap(model, cutterToModel)) continue;
        MeshDifference d = subtractParallelepiped(model, cutterToModel);
        if (!d.changed) continue;
        cut.removedVolume += meshVolume(model) - meshVolume(d.mesh);
        cut.fractureArea += fractureArea(d);
        mp.mesh = std::make_shared<const Mesh>(std::move(d.mesh));
        mp.partToModel = glm::dmat4(1.0);
    }
    return cut;
}

}  // namespace sg
