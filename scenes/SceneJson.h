#pragma once
// The JSON scene format (docs/scene-format.md) and the loader entry point for every scene file.
//
// The parse* functions are the building blocks of the format, reusable by anything that embeds
// scene pieces in its own JSON (scenario files): each reads one JSON object through a
// sg::JsonObject, validates it strictly and calls finish() on it, so unknown keys are rejected.
// To embed extra keys of your own, read or allow() them on the JsonObject before calling.
#include "core/JsonReader.h"
#include "scenes/AssetCache.h"
#include "scenes/Scene.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sg {

struct SceneLoadOptions {
    // Output resolution overriding the file's; 0 = keep. When only one is given, the other keeps
    // the file's aspect ratio. Intrinsics given in pixels are scaled with the resolution.
    int width = 0;
    int height = 0;
};

// Largest accepted image side, in pixels.
constexpr int kMaxImageSide = 16384;

using MaterialLibrary = std::map<std::string, std::shared_ptr<const Material>>;

// Loads a scene file by extension: .json = JSON scene, .gltf/.glb = glTF 2.0 scene.
// Without a cache, a temporary one is used.
Scene loadScene(const std::filesystem::path& file, const SceneLoadOptions& opts = {}, AssetCache* cache = nullptr);

// A JSON scene from text; relative asset paths resolve against baseDir.
Scene loadSceneJsonText(const std::string& text, const std::string& fileNameForMessages, const std::filesystem::path& baseDir,
                        const SceneLoadOptions& opts, AssetCache& cache);

// {"position", "rotation" [w,x,y,z] | "euler_deg" [x,y,z], "scale" s | [sx,sy,sz]} or {"matrix"}:
// reads those keys of `o` (others untouched, no finish()) and returns model-to-world.
glm::dmat4 parseTransform(JsonObject& o);
// A 4x4 matrix written row-major, as 16 numbers or 4 rows of 4.
glm::dmat4 parseMatrix(const Json& v, const std::string& file, const std::string& path);

// A "primitive": {"type": "box", "size": [...]} etc. (only the keys of that type; "kind" is
// refused, naming "type"), or a bare type name with table-top defaults (5 cm, 32 segments).
// The one primitive parser of scene files and scenarios.
PrimitiveShape parsePrimitive(const Json& value, const std::string& file, const std::string& path);

// The "camera" object. opts overrides the resolution.
Camera parseCamera(JsonObject& o, const SceneLoadOptions& opts = {});

// The "categories" array: names (strings) or {"name", "keypoints", "skeleton"}; ids 1..N in order.
std::vector<Category> parseCategories(const Json& array, const std::string& file, const std::string& path);

// One material object.
std::shared_ptr<const Material> parseMaterial(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir);
// The "materials" object: {"name": {material}, ...}.
MaterialLibrary parseMaterials(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir);

// One object. Materials named by the object are looked up in `materials`; its category in
// `categories` (by full name).
Object parseObject(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir, const std::vector<Category>& categories,
                   const MaterialLibrary& materials = {});

// One light.
Light parseLight(JsonObject& o);

// The "environment" object.
Environment parseEnvironment(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir);

}  // namespace sg
