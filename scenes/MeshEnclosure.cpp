#include "scenes/MeshEnclosure.h"

#include <algorithm>

namespace sg {

namespace {

uint64_t edgeKey(uint32_t from, uint32_t to) { return (uint64_t(from) << 32) | to; }

}  // namespace

MeshEnclosure meshEnclosure(const Mesh& mesh) {
    const std::vector<uint32_t> ids = weldedVertexIds(mesh);
    // Closed and consistently wound: every directed edge a->b occurs once, and so does b->a. Then
    // the sorted edges, and the sorted reversed edges, are the same list without repeats. (With a
    // map of edges and of welded cells a million-triangle sphere took 1.2 s; sorted, 0.28 s.)
    std::vector<uint64_t> edges, reversed;
    edges.reserve(mesh.indices.size());
    reversed.reserve(mesh.indices.size());
    double sixTimesVolume = 0.0;
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const uint32_t i[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
        const uint32_t w[3] = {ids[i[0]], ids[i[1]], ids[i[2]]};
        if (w[0] == w[1] || w[1] == w[2] || w[2] == w[0]) continue;
        for (int k = 0; k < 3; ++k) {
            edges.push_back(edgeKey(w[k], w[(k + 1) % 3]));
            reversed.push_back(edgeKey(w[(k + 1) % 3], w[k]));
        }
        const glm::dvec3 a(mesh.vertices[i[0]].position), b(mesh.vertices[i[1]].position), c(mesh.vertices[i[2]].position);
        sixTimesVolume += glm::dot(a, glm::cross(b, c));
    }
    if (edges.empty()) return MeshEnclosure::Open;
    std::sort(edges.begin(), edges.end());
    std::sort(reversed.begin(), reversed.end());
    if (std::adjacent_find(edges.begin(), edges.end()) != edges.end() || edges != reversed) return MeshEnclosure::Open;
    // The divergence theorem: outward-wound triangles sum to +6 times the enclosed volume.
    if (sixTimesVolume > 0.0) return MeshEnclosure::ClosedOutward;
    if (sixTimesVolume < 0.0) return MeshEnclosure::ClosedInward;
    return MeshEnclosure::Open;  // encloses nothing (two coinciding sheets)
}

}  // namespace sg
