#include "scenes/SceneJson.h"
#include <stdexcept>
namespace sg {
// Placeholder while the loader is being written; the signatures are final.
Scene loadScene(const std::filesystem::path&, const SceneLoadOptions&, AssetCache*) { throw std::logic_error("loadScene: not implemented yet"); }
Scene loadSceneJsonText(const std::string&, const std::string&, const std::filesystem::path&, const SceneLoadOptions&, AssetCache&) { throw std::logic_error("not implemented yet"); }
glm::dmat4 parseTransform(JsonObject&) { throw std::logic_error("not implemented yet"); }
glm::dmat4 parseMatrix(const Json&, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
Camera parseCamera(JsonObject&, const SceneLoadOptions&) { throw std::logic_error("not implemented yet"); }
std::vector<Category> parseCategories(const Json&, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
std::shared_ptr<const Material> parseMaterial(JsonObject&, AssetCache&, const std::filesystem::path&) { throw std::logic_error("not implemented yet"); }
MaterialLibrary parseMaterials(JsonObject&, AssetCache&, const std::filesystem::path&) { throw std::logic_error("not implemented yet"); }
Object parseObject(JsonObject&, AssetCache&, const std::filesystem::path&, const std::vector<Category>&, const MaterialLibrary&) { throw std::logic_error("not implemented yet"); }
Light parseLight(JsonObject&) { throw std::logic_error("not implemented yet"); }
Environment parseEnvironment(JsonObject&, AssetCache&, const std::filesystem::path&) { throw std::logic_error("not implemented yet"); }
}  // namespace sg
