#pragma once
// Triangle meshes in model coordinates (metres). Triangles wind counter-clockwise seen from the
// side the normals point to.
#include <glm/glm.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sg {

struct Vertex {
    glm::vec3 position{0};
    glm::vec3 normal{0, 0, 1};
    glm::vec2 uv{0};
    glm::vec4 tangent{1, 0, 0, 1};  // xyz tangent, w = handedness of the bitangent (glTF convention)
};

struct Mesh {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices;  // three per triangle

    size_t triangleCount() const { return indices.size() / 3; }
    // Axis-aligned bounds of the vertices.
    glm::vec3 boundsMin() const;
    glm::vec3 boundsMax() const;
};

// Fills per-vertex tangents from positions, normals and uvs (needed for normal maps).
void computeTangents(Mesh& mesh);

// One id per vertex, equal for vertices at the same position: positions are welded on a grid of
// 1e-7 of the mesh's largest extent, since generated shapes put the vertices of a pole or seam at
// positions that differ only by rounding (a ring at angle 2 pi ends at sin = -2e-16, not 0). Ids
// count from 0 in the order of each position's first vertex. Two vertices that straddle a cell
// border stay apart.
std::vector<uint32_t> weldedVertexIds(const Mesh& mesh);

}  // namespace sg
