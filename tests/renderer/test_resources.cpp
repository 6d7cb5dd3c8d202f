// Device selection errors and flat memory over many frames.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

TEST_CASE("an unknown device name fails with a message listing the available devices") {
    RendererOptions options = validated();
    options.device = "no-such-gpu-xyz";
    try {
        Renderer renderer(options);
        FAIL("expected an error");
    } catch (const std::runtime_error& e) {
        std::string message = e.what();
        INFO(message);
        CHECK(message.find("no-such-gpu-xyz") != std::string::npos);
        CHECK(message.find("Available devices") != std::string::npos);
        auto devices = listDevices();
        REQUIRE(!devices.empty());
        CHECK(message.find(devices[0].name) != std::string::npos);
    }
}

TEST_CASE("a device picked by index is the listed device") {
    auto devices = listDevices();
    REQUIRE(!devices.empty());
    RendererOptions options = validated();
    options.device = std::to_string(devices.back().index);
    Renderer renderer(options);
    CHECK(renderer.device().name == devices.back().name);
    requireCleanValidation(renderer);
}

TEST_CASE("GPU caches stay bounded while meshes and textures change every frame") {
    Renderer renderer(validated());
    Scene scene;
    scene.camera.intrinsics.width = 64;
    scene.camera.intrinsics.height = 48;
    scene.camera.intrinsics.fx = scene.camera.intrinsics.fy = 60;
    scene.camera.intrinsics.cx = 31.5;
    scene.camera.intrinsics.cy = 23.5;
    scene.lights.push_back(Light{});
    scene.lights[0].castsShadows = false;

    RendererStats early{};
    size_t maxMeshes = 0, maxTextures = 0;
    const int frames = 300;
    for (int f = 0; f < frames; ++f) {
        auto material = std::make_shared<Material>();
        auto texture = std::make_shared<Texture>();
        texture->source = "frame texture";
        texture->image = ImageU8(16, 16, 4, uint8_t(f));
        material->baseColorTexture = texture;
        scene.objects.clear();
        scene.objects.push_back(
            primitiveObject(sphere(0.3 + 0.001 * (f % 7), 24), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 2)), material));
        FrameBuffers fb = renderer.render(scene);
        REQUIRE(fb.instanceId.at(32, 24) == 1);
        RendererStats s = renderer.stats();
        maxMeshes = std::max(maxMeshes, s.cachedMeshes);
        maxTextures = std::max(maxTextures, s.cachedTextures);
        if (f == 10) early = s;
        if (f == frames - 1) {
            CHECK(s.cacheDeviceBytes <= early.cacheDeviceBytes + 4096);
            CHECK(s.targetDeviceBytes == early.targetDeviceBytes);
            CHECK(s.framesRendered == uint64_t(frames));
        }
    }
    // One mesh and one texture per frame, plus the default textures; the previous frame's are gone.
    CHECK(maxMeshes <= 2);
    CHECK(maxTextures <= 5);
    requireCleanValidation(renderer);
}
