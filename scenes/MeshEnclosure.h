#pragma once
// Whether a mesh's triangles enclose a volume, and which way they are wound around it. A renderer
// that wants the surfaces facing away from a view (the first ones a ray from below meets) can cull
// by winding only on meshes that are closed and consistently wound: an open sheet has no inside,
// and a loaded mesh may be wound either way.
#include "scenes/Mesh.h"

namespace sg {

enum class MeshEnclosure {
    Open,           // some edge is not shared by exactly two triangles wound oppositely along it
    ClosedOutward,  // closed; triangles wind counter-clockwise seen from outside (Mesh.h's convention)
    ClosedInward,   // closed; wound the other way round (seen from outside, clockwise)
};

// Vertices are welded by position first (weldedVertexIds, Mesh.h), so seams where a mesh splits
// vertices for normals or uvs do not open it. Triangles whose welded corners repeat are skipped.
MeshEnclosure meshEnclosure(const Mesh& mesh);

}  // namespace sg
