#pragma once
// Internal to scenes/: one Assimp import converted to our meshes and materials, shared by
// AssetCache::model (a file as one object) and loadGltfScene (a file as a whole scene).
#include "scenes/AssetCache.h"

#include <assimp/Importer.hpp>
#include <assimp/scene.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sg {

struct ImportedFile {
    std::unique_ptr<Assimp::Importer> importer;  // owns `scene`
    const aiScene* scene = nullptr;
    std::vector<std::shared_ptr<const Mesh>> meshes;         // per aiMesh; null when it has no triangles
    std::vector<std::shared_ptr<const Material>> materials;  // per aiMaterial
    std::vector<std::string> warnings;                       // textures the file references that could not be used
};

// Reads and converts a mesh file. `path` must exist; `file`/`jsonPath` name the reference for
// messages. Textures go through `cache`.
ImportedFile importWithAssimp(const std::filesystem::path& path, const std::string& file, const std::string& jsonPath,
                              AssetCache& cache);

glm::dmat4 toGlm(const aiMatrix4x4& m);

}  // namespace sg
