#pragma once
// Chips (missing material): the part's meshes minus the chip's cutter, a parallelepiped in the
// model frame (Defect::cutterToModel). The silhouette changes because the geometry does; the
// renderer labels the fracture surface (the cutter's faces) analytically, as for other defects.
#include "scenes/Scene.h"

namespace sg {

struct ChipCut {
    double removedVolume = 0;  // model units^3
    double fractureArea = 0;   // model units^2: the surface the cutter left
};

// Replaces every mesh of `part` the cutter reaches by its chipped copy (vertices in the model
// frame, partToModel = identity; other meshes untouched). Throws MeshBooleanError (scenes/
// MeshBoolean.h) when such a mesh is not a closed solid.
ChipCut cutChip(Object& part, const glm::dmat4& cutterToModel);

// Enclosed volume of a closed, outward-wound mesh (divergence theorem).
double meshVolume(const Mesh& mesh);

}  // namespace sg
