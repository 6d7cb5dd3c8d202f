// Render + readback of all attachments (RGB, instance id, depth, normals), 20 objects of ~2k
// triangles each, at 640x480 and 1920x1080. Prints the median frames/s of several runs.
//
//   render_bench [--frames N] [--runs R] [--device D] [--shadows] [--shadow-taps T] [--sky-views V] [--amodal]
//   [--arbitrary-meshes | --open-meshes] [--renderers K]
//                [--color-samples S] [--bounce-samples B] [--indirect-downsample N]
//
// --shadow-taps T sets RenderSettings::shadowFilterTaps (1 = one hardware 2x2 tap, hard shadows);
// --sky-views V sets RenderSettings::skyVisibilityViews (ambient occlusion, 0 = off);
// --color-samples S sets RenderSettings::colorSamples (anti-aliased RGB; 1 = off).
// --bounce-samples B sets RenderSettings::bounceSamples (the scene's sun bounces light, with --shadows; 0 = off).
// --indirect-downsample N sets RenderSettings::indirectDownsample (sky visibility and bounce light at
//   1/N of the resolution; 1 = every pixel, the default).
//   render_bench --churn N   (memory: N frames at 320x240, every mesh and texture replaced every frame;
//                             prints GPU cache sizes and the process's resident memory as it goes)
//
// --renderers K renders with K Renderers (one Vulkan device each) on K threads, splitting each run's
// frames between them: the throughput `synthgen generate` gets from its render threads.
//
// By default the spheres are built-in primitives (closed, consistently wound: back faces culled);
// --arbitrary-meshes renders them as loaded meshes are rendered (each checked once for being closed,
// scenes/MeshEnclosure.h; closed and seen from outside: culled); --open-meshes leaves out the two
// triangles at each sphere's bottom pole (open: no culling, about 2x the triangle work).
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace sg;

namespace {

enum class BenchMeshes { Primitives, Loaded, LoadedOpen };

Scene benchScene(int width, int height, bool shadows, BenchMeshes meshes) {
    Scene scene;
    scene.camera.intrinsics = intrinsicsFromVerticalFov(0.9, width, height);
    scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({0, -4.5, 3.0}, {0, 0, 0.3}, {0, 0, 1}));
    scene.environment.color = glm::vec3(0.25f);
    Light sun;
    sun.direction = {0.4, 0.3, -1.0};
    sun.castsShadows = shadows;
    scene.lights.push_back(sun);
    // Spheres with 44 segments (44 x 22 x 2 = 1936 triangles) on a 5 x 4 grid, each its own mesh and material.
    for (int i = 0; i < 20; ++i) {
        PrimitiveShape shape;
        shape.kind = PrimitiveKind::Sphere;
        shape.radius = 0.3;
        shape.segments = 44;
        Object o;
        o.name = "sphere" + std::to_string(i);
        MeshPart part;
        auto mesh = std::make_shared<Mesh>(*makePrimitiveMesh(shape));
        // The first quad of the grid touches the bottom pole, out of the camera's sight.
        if (meshes == BenchMeshes::LoadedOpen) mesh->indices.erase(mesh->indices.begin(), mesh->indices.begin() + 6);
        part.mesh = mesh;
        auto material = std::make_shared<Material>();
        material->baseColor = glm::vec4(0.2f + 0.04f * i, 0.5f, 0.9f - 0.03f * i, 1.0f);
        material->roughness = 0.2f + 0.03f * i;
        material->metallic = (i % 3 == 0) ? 1.0f : 0.0f;
        part.material = material;
        o.parts.push_back(part);
        if (meshes == BenchMeshes::Primitives) o.primitive = shape;
        o.modelToWorld = glm::translate(glm::dmat4(1.0), glm::dvec3((i % 5 - 2) * 0.8, (i / 5 - 1.5) * 0.8, 0.3));
        scene.objects.push_back(o);
    }
    return scene;
}

long residentKiB() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * 4;
}

int churn(Renderer& renderer, int frames) {
    Scene scene = benchScene(320, 240, false, BenchMeshes::Primitives);
    FrameBuffers out;
    for (int f = 0; f < frames; ++f) {
        for (auto& o : scene.objects) {
            PrimitiveShape shape = *o.primitive;
            shape.segments = 40 + f % 9;  // a new mesh every frame
            o.parts[0].mesh = makePrimitiveMesh(shape);
            auto material = std::make_shared<Material>(*o.parts[0].material);
            auto texture = std::make_shared<Texture>();  // and a new texture
            texture->source = "churn";
            texture->image = ImageU8(64, 64, 4, uint8_t(f));
            material->baseColorTexture = texture;
            o.parts[0].material = material;
        }
        renderer.render(scene, {}, out);
        if (f % 500 == 0 || f == frames - 1) {
            RendererStats s = renderer.stats();
            std::printf("frame %5d: cached meshes %zu, textures %zu, cache %.2f MiB, targets %.1f MiB, resident %.1f MiB\n", f,
                        s.cachedMeshes, s.cachedTextures, s.cacheDeviceBytes / 1048576.0, s.targetDeviceBytes / 1048576.0,
                        residentKiB() / 1024.0);
            std::fflush(stdout);
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 30, runs = 5;
    bool shadows = false, amodal = false;
    BenchMeshes meshes = BenchMeshes::Primitives;
    int churnFrames = 0, renderers = 1, colorSamples = 1, shadowTaps = RenderSettings{}.shadowFilterTaps, skyViews = 0,
        bounceSamples = 0, indirectDownsample = 1;
    RendererOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::stoi(argv[++i]);
        else if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
        else if (a == "--device" && i + 1 < argc) options.device = argv[++i];
        else if (a == "--shadows") shadows = true;
        else if (a == "--shadow-taps" && i + 1 < argc) shadowTaps = std::stoi(argv[++i]);
        else if (a == "--sky-views" && i + 1 < argc) skyViews = std::stoi(argv[++i]);
        else if (a == "--amodal") amodal = true;
        else if (a == "--arbitrary-meshes") meshes = BenchMeshes::Loaded;
        else if (a == "--open-meshes") meshes = BenchMeshes::LoadedOpen;
        else if (a == "--churn" && i + 1 < argc) churnFrames = std::stoi(argv[++i]);
        else if (a == "--renderers" && i + 1 < argc) renderers = std::max(1, std::stoi(argv[++i]));
        else if (a == "--color-samples" && i + 1 < argc) colorSamples = std::max(1, std::stoi(argv[++i]));
        else if (a == "--bounce-samples" && i + 1 < argc) bounceSamples = std::max(0, std::stoi(argv[++i]));
        else if (a == "--indirect-downsample" && i + 1 < argc) indirectDownsample = std::max(1, std::stoi(argv[++i]));
        else {
            std::fprintf(stderr,
                         "usage: render_bench [--frames N] [--runs R] [--device D] [--shadows] [--shadow-taps T] [--sky-views V] "
                         "[--amodal] [--arbitrary-meshes | --open-meshes] "
                         "[--renderers K] [--color-samples S] [--bounce-samples B] [--indirect-downsample N]\n");
            return 2;
        }
    }
    std::vector<std::unique_ptr<Renderer>> pool;
    for (int k = 0; k < renderers; ++k) pool.push_back(std::make_unique<Renderer>(options));
    Renderer& renderer = *pool[0];
    std::printf("device: %s (%s)%s\n", renderer.device().name.c_str(), renderer.device().type.c_str(),
                renderers > 1 ? (", " + std::to_string(renderers) + " renderers on as many threads").c_str() : "");
    if (churnFrames > 0) return churn(renderer, churnFrames);
    std::printf(
        "scene: 20 objects x 1936 triangles (%s), shadows %s (%d filter taps), %d sky views, %d bounce samples, indirect light at "
        "1/%d, "
        "amodal masks %s, RGB samples up to %d; %d runs of %d frames\n",
        meshes == BenchMeshes::Primitives ? "primitives, back faces culled"
        : meshes == BenchMeshes::Loaded   ? "loaded meshes, closed: back faces culled"
                                          : "loaded meshes, open: no culling",
        shadows ? "on" : "off", shadowTaps, skyViews, bounceSamples, indirectDownsample, amodal ? "on" : "off", colorSamples, runs,
        frames);
    RenderSettings settings;
    settings.amodalMasks = amodal;
    settings.colorSamples = uint32_t(colorSamples);
    settings.shadowFilterTaps = shadowTaps;
    settings.skyVisibilityViews = skyViews;
    settings.bounceSamples = bounceSamples;
    settings.indirectDownsample = indirectDownsample;
    for (auto [w, h] : {std::pair{640, 480}, std::pair{1920, 1080}}) {
        Scene scene = benchScene(w, h, shadows, meshes);
        std::vector<FrameBuffers> outs(pool.size());
        for (size_t k = 0; k < pool.size(); ++k)
            for (int i = 0; i < 3; ++i) pool[k]->render(scene, settings, outs[k]);  // warm-up: uploads, shader compilation
        std::vector<double> fps, cpuMs;
        for (int r = 0; r < runs; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            std::clock_t c0 = std::clock();  // CPU time of all threads: tells a loaded machine from a slow renderer
            std::vector<std::thread> threads;
            for (size_t k = 0; k < pool.size(); ++k)
                threads.emplace_back([&, k] {
                    for (int f = int(k); f < frames; f += int(pool.size())) pool[k]->render(scene, settings, outs[k]);
                });
            for (auto& t : threads) t.join();
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            fps.push_back(frames / s);
            cpuMs.push_back(1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC / frames);
        }
        std::sort(fps.begin(), fps.end());
        std::sort(cpuMs.begin(), cpuMs.end());
        std::printf("%dx%d: %.1f frames/s median (min %.1f, max %.1f); CPU time %.1f ms/frame (all threads)\n", w, h,
                    fps[fps.size() / 2], fps.front(), fps.back(), cpuMs[cpuMs.size() / 2]);
        std::fflush(stdout);
    }
    RendererStats s = renderer.stats();
    std::printf("cached meshes %zu, textures %zu, cache %.1f MiB, targets %.1f MiB\n", s.cachedMeshes, s.cachedTextures,
                s.cacheDeviceBytes / 1048576.0, s.targetDeviceBytes / 1048576.0);
    return 0;
}
