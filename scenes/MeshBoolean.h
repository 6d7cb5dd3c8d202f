#pragma once
// Exact mesh difference (CGAL corefinement) behind plain types: CGAL compiles slowly, so only
// scenes/MeshBoolean.cpp includes it. Used to cut chips out of parts (scenes/Chip.h).
#include "scenes/Mesh.h"

#include <glm/glm.hpp>

#include <stdexcept>

namespace sg {

// A mesh the boolean cannot work on (not closed, self-intersecting); the message names the mesh
// and the fix.
struct MeshBooleanError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The cutter: the parallelepiped cubeToMesh([-1, 1]^3), in the mesh's frame.
struct MeshDifference {
    Mesh mesh;                   // mesh minus cutter; one vertex per triangle corner
    std::vector<bool> onCutter;  // per triangle of `mesh`: it lies on the cutter (the fracture surface)
    bool changed = false;        // false when the cutter misses the mesh (mesh is then a copy)
};

// `mesh` minus the cutter. Triangles from the input keep its normals, uvs and tangents
// (interpolated); triangles from the cutter get their flat normal and uv 0. Vertices at the same
// position are welded first and zero-area triangles dropped, so meshes with split normals or uv
// seams work. Throws MeshBooleanError when the welded mesh is not closed or intersects itself.
MeshDifference subtractParallelepiped(const Mesh& mesh, const glm::dmat4& cubeToMesh);

}  // namespace sg
