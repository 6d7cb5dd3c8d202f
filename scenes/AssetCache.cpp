#include "scenes/AssetCache.h"
#include <stdexcept>
namespace sg {
std::shared_ptr<const Model> AssetCache::model(const std::filesystem::path&, const std::string&, const std::string&) { throw std::logic_error("AssetCache::model: not implemented yet"); }
std::shared_ptr<const Texture> AssetCache::texture(const std::filesystem::path&, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
std::shared_ptr<const ImageF32> AssetCache::environmentImage(const std::filesystem::path&, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
std::shared_ptr<const ImageU8> AssetCache::image(const std::filesystem::path&, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
std::shared_ptr<const Mesh> AssetCache::primitiveMesh(const PrimitiveShape& s) { return makePrimitiveMesh(s); }
std::shared_ptr<const Texture> AssetCache::textureFromMemory(const std::string&, const unsigned char*, size_t, const std::string&, const std::string&) { throw std::logic_error("not implemented yet"); }
std::filesystem::path resolveAssetPath(const std::string& w, const std::filesystem::path& b, const std::string&, const std::string&) { return b / w; }
}  // namespace sg
