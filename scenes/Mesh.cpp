#include "scenes/Mesh.h"

#include "scenes/Scene.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sg {

glm::vec3 Mesh::boundsMin() const {
    glm::vec3 m(std::numeric_limits<float>::max());
    for (const auto& v : vertices) m = glm::min(m, v.position);
    return m;
}

glm::vec3 Mesh::boundsMax() const {
    glm::vec3 m(std::numeric_limits<float>::lowest());
    for (const auto& v : vertices) m = glm::max(m, v.position);
    return m;
}

void computeTangents(Mesh& mesh) {
    std::vector<glm::vec3> tan(mesh.vertices.size(), glm::vec3(0)), bit(mesh.vertices.size(), glm::vec3(0));
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        uint32_t i0 = mesh.indices[t], i1 = mesh.indices[t + 1], i2 = mesh.indices[t + 2];
        const Vertex &a = mesh.vertices[i0], &b = mesh.vertices[i1], &c = mesh.vertices[i2];
        glm::vec3 e1 = b.position - a.position, e2 = c.position - a.position;
        glm::vec2 d1 = b.uv - a.uv, d2 = c.uv - a.uv;
        float det = d1.x * d2.y - d2.x * d1.y;
        if (std::abs(det) < 1e-12f) continue;
        float r = 1.0f / det;
        glm::vec3 sdir = (e1 * d2.y - e2 * d1.y) * r;
        glm::vec3 tdir = (e2 * d1.x - e1 * d2.x) * r;
        for (uint32_t i : {i0, i1, i2}) {
            tan[i] += sdir;
            bit[i] += tdir;
        }
    }
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        glm::vec3 n = mesh.vertices[i].normal;
        glm::vec3 t = tan[i] - n * glm::dot(n, tan[i]);
        if (glm::dot(t, t) < 1e-20f) {
            // No usable uv gradient: any tangent perpendicular to the normal will do.
            t = std::abs(n.x) < 0.9f ? glm::cross(n, glm::vec3(1, 0, 0)) : glm::cross(n, glm::vec3(0, 1, 0));
        }
        t = glm::normalize(t);
        float w = glm::dot(glm::cross(n, t), bit[i]) < 0.0f ? -1.0f : 1.0f;
        mesh.vertices[i].tangent = glm::vec4(t, w);
    }
}

int findCategory(const Scene& scene, const std::string& name) {
    for (size_t i = 0; i < scene.categories.size(); ++i)
        if (scene.categories[i].name == name) return int(i);
    return -1;
}

std::vector<uint32_t> weldedVertexIds(const Mesh& mesh) {
    const glm::dvec3 size = glm::dvec3(mesh.boundsMax()) - glm::dvec3(mesh.boundsMin());
    const double cell = std::max({size.x, size.y, size.z, 1e-30}) * 1e-7;
    // Cells sorted rather than kept in a map: large part meshes weld several times faster.
    const size_t n = mesh.vertices.size();
    std::vector<std::array<long long, 3>> cells(n);
    for (size_t i = 0; i < n; ++i) {
        const glm::vec3& p = mesh.vertices[i].position;
        cells[i] = {std::llround(p.x / cell), std::llround(p.y / cell), std::llround(p.z / cell)};
    }
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = uint32_t(i);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return cells[a] != cells[b] ? cells[a] < cells[b] : a < b; });
    std::vector<uint32_t> first(n);  // each vertex's first vertex at the same cell
    for (size_t k = 0; k < n; ++k) first[order[k]] = k > 0 && cells[order[k]] == cells[order[k - 1]] ? first[order[k - 1]] : order[k];
    std::vector<uint32_t> ids(n);
    uint32_t next = 0;
    for (size_t i = 0; i < n; ++i) ids[i] = first[i] == i ? next++ : ids[first[i]];
    return ids;
}

}  // namespace sg
