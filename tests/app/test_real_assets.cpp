// Real third-party assets (Debian's assimp-testmodels) load through the scene loaders and render
// under the validation layer: each file framed by a camera fitted to its bounds covers pixels.
#include "renderer/Renderer.h"
#include "scenes/AssetCache.h"
#include "scenes/SceneJson.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace sg;
namespace fs = std::filesystem;

namespace {

const fs::path kModels = "/usr/share/assimp/models";

// A scene holding one model, seen from a camera that frames its bounding sphere.
Scene framedScene(const std::shared_ptr<const Model>& model) {
    Scene scene;
    Object o;
    o.name = fs::path(model->source).filename().string();
    o.parts = model->parts;
    o.category = -1;
    scene.objects.push_back(o);
    glm::dvec3 center = 0.5 * (model->boundsMin + model->boundsMax);
    double radius = std::max(1e-3, 0.5 * glm::length(model->boundsMax - model->boundsMin));
    scene.camera.intrinsics = intrinsicsFromVerticalFov(glm::radians(40.0), 160, 120);
    double distance = radius / std::sin(glm::radians(18.0));
    scene.camera.intrinsics.znear = distance * 0.01;
    scene.camera.intrinsics.zfar = distance * 10;
    glm::dvec3 eye = center + distance * glm::normalize(glm::dvec3(1.0, -1.3, 0.9));
    scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld(eye, center, {0, 0, 1}));
    Light sun;
    sun.type = LightType::Directional;
    sun.direction = {-0.3, 0.4, -1.0};
    scene.lights.push_back(sun);
    return scene;
}

long coveredPixels(const FrameBuffers& fb) {
    long n = 0;
    for (uint32_t id : fb.instanceId.pixels) n += id == 1;
    return n;
}

}  // namespace

TEST_CASE("third-party models of every supported format load and render with a clean validation layer") {
    const char* files[] = {
        "glTF2/BoxTextured-glTF/BoxTextured.gltf",
        "glTF2/BoxTextured-glTF-Binary/BoxTextured.glb",
        "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb",
        "OBJ/spider.obj",
        "PLY/cube.ply",
        "PLY/cube_binary.ply",
        "FBX/box.fbx",
        "FBX/spider.fbx",
        "STL/Wuson.stl",
    };
    AssetCache cache;
    Renderer renderer(RendererOptions{.validation = true});
    for (const char* f : files) {
        INFO(f);
        auto model = cache.model(kModels / f, f, "");
        REQUIRE(!model->parts.empty());
        FrameBuffers fb = renderer.render(framedScene(model));
        // Framed to fill the view: a real render covers a good share of the 160x120 frame.
        CHECK(coveredPixels(fb) > 160 * 120 / 50);
    }
    CHECK(renderer.validationMessages().empty());
}

TEST_CASE("a glTF file with a camera is a scene: it loads and renders from that camera") {
    Scene scene = loadScene(kModels / "glTF2/cameras/Cameras.gltf", SceneLoadOptions{.width = 160, .height = 120});
    REQUIRE(!scene.objects.empty());
    Renderer renderer(RendererOptions{.validation = true});
    FrameBuffers fb = renderer.render(scene);
    long covered = 0;
    for (uint32_t id : fb.instanceId.pixels) covered += id != 0;
    CHECK(covered > 0);
    CHECK(renderer.validationMessages().empty());
}
