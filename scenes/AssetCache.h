#pragma once
// Loads every asset file (meshes, textures, environment maps, background photos) once and shares
// the result: scenes and randomized scenarios reference the same few files thousands of times.
// Keyed by canonical path, so "a/../b.obj" and "b.obj" are one entry. Safe to call from several
// threads (one lock; a file being decoded blocks other callers until it is done).
//
// Every failure is an sg::InputError naming the user's file (`file`, usually the scene file), the
// JSON path that referenced the asset (`jsonPath`) and a fix.
#include "core/Image.h"
#include "scenes/Material.h"
#include "scenes/Primitives.h"
#include "scenes/Scene.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace sg {

// A mesh file after import: one part per (mesh, material) pair of the file, each placed by the
// file's own node hierarchy (partToModel). Coordinates are the file's, unchanged (no up-axis or
// unit conversion; the object's transform does that).
struct Model {
    std::vector<MeshPart> parts;
    std::string source;                     // canonical path
    glm::dvec3 boundsMin{0}, boundsMax{0};  // of all parts, in model coordinates
    // Problems inside the file that did not stop it from loading, e.g. a texture the file
    // references by an absolute path on its author's machine (the material keeps its factors).
    std::vector<std::string> warnings;
};

class AssetCache {
public:
    AssetCache() = default;
    AssetCache(const AssetCache&) = delete;
    AssetCache& operator=(const AssetCache&) = delete;

    // A mesh file via Assimp (OBJ, glTF/GLB, PLY, STL, FBX, DAE, 3DS, ...), triangulated, with
    // normals (generated when missing), tangents, and materials converted to glTF
    // metallic-roughness (textures decoded to RGBA8; embedded textures supported).
    // UVs follow glTF: (0, 0) is the top-left of the texture image.
    std::shared_ptr<const Model> model(const std::filesystem::path& path, const std::string& file, const std::string& jsonPath);
    // An 8-bit texture (PNG, JPEG, TGA, BMP, ...), decoded to 4 channels, values as stored.
    std::shared_ptr<const Texture> texture(const std::filesystem::path& path, const std::string& file, const std::string& jsonPath);
    // An equirectangular environment map as linear RGB floats (3 channels): Radiance .hdr files as
    // stored, 8-bit files (PNG, JPEG, ...) decoded from sRGB to linear.
    std::shared_ptr<const ImageF32> environmentImage(const std::filesystem::path& path, const std::string& file,
                                                     const std::string& jsonPath);
    // A background photo: 8-bit sRGB, 3 or 4 channels as stored.
    std::shared_ptr<const ImageU8> image(const std::filesystem::path& path, const std::string& file, const std::string& jsonPath);
    // A built-in primitive mesh, shared between all objects of the same shape.
    std::shared_ptr<const Mesh> primitiveMesh(const PrimitiveShape& shape);

    // Decodes a texture from bytes already in memory (embedded in a model file); cached by `key`.
    std::shared_ptr<const Texture> textureFromMemory(const std::string& key, const unsigned char* bytes, size_t size,
                                                     const std::string& file, const std::string& jsonPath);

private:
    std::recursive_mutex mutex_;  // recursive: loading a model loads its textures
    std::map<std::string, std::shared_ptr<const Model>> models_;
    std::map<std::string, std::shared_ptr<const Texture>> textures_;
    std::map<std::string, std::shared_ptr<const ImageF32>> environments_;
    std::map<std::string, std::shared_ptr<const ImageU8>> images_;
    std::map<std::string, std::shared_ptr<const Mesh>> primitives_;
};

// Resolves a path written in a scene file: absolute paths as they are, relative ones against
// baseDir (the scene file's folder). Throws "file not found" when it does not exist.
std::filesystem::path resolveAssetPath(const std::string& written, const std::filesystem::path& baseDir, const std::string& file,
                                       const std::string& jsonPath);

}  // namespace sg
