#pragma once
// A glTF 2.0 file (.gltf/.glb) read as a whole scene (docs/scene-format.md, "glTF scenes"):
//  - every node with meshes becomes one Object (node name, node world transform; a node whose
//    mesh has several materials becomes one object with several parts);
//  - the first camera is the camera, K built from its yfov and the output resolution;
//    without a camera, one is placed looking at the scene's bounds;
//  - KHR_lights_punctual lights, or one default directional light when there are none;
//  - materials from the file.
// glTF is +Y up; our world is +Z up: the conversion (x, y, z) -> (x, -z, y) is applied once at
// the root, so a Blender export comes back in Blender's own coordinates.
#include "scenes/AssetCache.h"
#include "scenes/SceneJson.h"

namespace sg {

Scene loadGltfScene(const std::filesystem::path& file, const SceneLoadOptions& opts, AssetCache& cache);

// The root conversion from glTF's +Y-up frame to our +Z-up world.
glm::dmat4 gltfToWorld();

}  // namespace sg
