#include "scenes/GltfScene.h"
#include <stdexcept>
namespace sg {
Scene loadGltfScene(const std::filesystem::path&, const SceneLoadOptions&, AssetCache&) { throw std::logic_error("not implemented yet"); }
glm::dmat4 gltfToWorld() {
    glm::dmat4 m(0.0);
    m[0][0] = 1;   // x -> x
    m[1][2] = 1;   // y -> z
    m[2][1] = -1;  // z -> -y
    m[3][3] = 1;
    return m;
}
}  // namespace sg
