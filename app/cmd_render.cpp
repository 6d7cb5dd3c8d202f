// synthgen render: one scene file (JSON or glTF) -> one folder with the RGB image and its labels.
// The folder appears complete or not at all: everything is written into a temporary sibling folder
// that is renamed into place at the end.
#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "app/QualityOption.h"
#include "core/AtomicFile.h"
#include "core/InputError.h"
#include "exporters/DatasetWriter.h"
#include "exporters/ImageEncoding.h"
#include "labels/Labels.h"
#include "renderer/Renderer.h"
#include "scenes/DemoScene.h"
#include "scenes/SceneJson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace sg::app {

namespace fs = std::filesystem;

namespace {

ImageU8 normalsPreview(const ImageF32& n) {
    ImageU8 out(n.width, n.height, 3);
    for (size_t i = 0; i < n.pixels.size(); ++i)
        out.pixels[i] = uint8_t(std::lround(std::clamp((n.pixels[i] + 1.0f) * 0.5f, 0.0f, 1.0f) * 255.0f));
    return out;
}

nlohmann::json cameraJson(const Camera& cam) {
    const Intrinsics& K = cam.intrinsics;
    nlohmann::json w2c = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (int c = 0; c < 4; ++c) row.push_back(cam.worldToCamera[c][r]);  // glm is column-major
        w2c.push_back(row);
    }
    return {
        {"width", K.width},
        {"height", K.height},
        {"K", {{K.fx, 0.0, K.cx}, {0.0, K.fy, K.cy}, {0.0, 0.0, 1.0}}},
        {"distortion", distortionJson(K.distortion)},
        {"znear", K.znear},
        {"zfar", K.zfar},
        {"world_to_camera", w2c},
        {"conventions",
         "OpenCV camera frame (+X right, +Y down, +Z forward); pixel centers at integer "
         "coordinates; depth = planar Z in metres; see docs/conventions.md"},
    };
}

nlohmann::json instancesJson(const Scene& scene, const FrameLabels& labels) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& l : labels.instances) {
        const Object& o = scene.objects[l.objectIndex];
        list.push_back({
            {"id", l.instanceId},
            {"name", o.name},
            {"category", o.category >= 0 ? nlohmann::json(scene.categories[o.category].name) : nlohmann::json(nullptr)},
            {"category_id", o.category >= 0 ? scene.categories[o.category].id : 0},
            {"visible_pixels", l.visiblePixels},
            {"bbox", {l.box.x0, l.box.y0, l.box.width(), l.box.height()}},
            {"attributes", o.attributes},
        });
    }
    return {{"bbox_convention", "[x, y, width, height] on pixel edges (COCO)"}, {"instances", list}};
}

// Makes `out` ready to be replaced: refuses a folder that is not an earlier render output.
void checkOutputFolder(const fs::path& out) {
    std::error_code ec;
    if (!fs::exists(out, ec)) return;
    if (!fs::is_directory(out, ec))
        throw InputError("", "", "--out " + out.string() + " exists and is not a folder", "choose another --out");
    bool empty = fs::directory_iterator(out, ec) == fs::directory_iterator();
    if (!empty && !fs::exists(out / "camera.json"))
        throw InputError("", "", "--out " + out.string() + " exists and is not a synthgen render folder",
                         "choose a new or empty folder; an earlier render's folder is replaced");
}

}  // namespace

int cmdRender(int argc, char** argv) {
    std::string sceneArg, outArg, device;
    bool demo = false;
    int width = 0, height = 0;
    std::optional<RenderQuality> qualityOption;
    CommandOptions cli("render", "(SCENE | --demo) --out DIR [--width W --height H] [--device D] [--quality Q]",
                       "Renders one scene file (JSON scene, docs/scene-format.md, or a glTF 2.0 .gltf/.glb) and writes:\n"
                       "  rgb.png          8-bit sRGB color\n"
                       "  instance_id.png  16-bit instance ids (objects[i] -> i + 1, 0 = background)\n"
                       "  depth_mm.png     16-bit planar depth in millimetres (0 = no hit)\n"
                       "  depth.exr        float32 planar depth in metres (channel Z)\n"
                       "  normals.exr      float32 camera-frame normals (R, G, B = X, Y, Z); normals.png: 8-bit (n+1)/2\n"
                       "  instances.json   per object: id, name, category, visible pixel count, tight box\n"
                       "  camera.json      K, resolution, distortion, world-to-camera pose\n"
                       "Conventions: docs/conventions.md.\n");
    cli.positional("SCENE", "a JSON or glTF scene file", [&](const std::string& scene) {
        if (!sceneArg.empty()) commandLineError("render", "unexpected argument '" + scene + "'");
        sceneArg = scene;
    });
    cli.flag("--demo", "render the built-in demo scene", demo)
        .text("--out", "DIR", "output folder (an earlier render's folder is replaced)", outArg)
        .text("--device", "D", "Vulkan device index or name substring (see 'synthgen devices')", device)
        .integer("--width", "W", "image width (default: the scene's)", width, 1, 16384)
        .integer("--height", "H", "image height (default: the scene's)", height, 1, 16384);
    declareQualityOption(cli, "render", qualityOption);
    try {
        if (!cli.parse(argc, argv)) return 0;
        if (demo == !sceneArg.empty()) throw InputError("", "", "give either a scene file or --demo", "see 'synthgen render --help'");
        if (outArg.empty()) throw InputError("", "", "missing --out DIR", "name the folder to write, e.g. --out render-output");
        fs::path out = outArg;
        checkOutputFolder(out);

        SceneLoadOptions opts;
        opts.width = width;
        opts.height = height;
        AssetCache cache;
        Scene scene = demo ? loadSceneJsonText(builtinDemoSceneJson(), "<built-in demo scene>", fs::current_path(), opts, cache)
                           : loadScene(sceneArg, opts, &cache);

        const RenderQuality quality = qualityOption.value_or(kDefaultRenderQuality);
        RendererOptions ro;
        ro.device = device;
        Renderer renderer(ro);
        FrameBuffers buffers = renderer.render(scene, renderSettingsFor(quality));
        LabelOptions lo;
        lo.includeUnlabeled = true;  // a render reports every object, labeled or not (glTF scenes have no categories)
        FrameLabels labels = computeLabels(scene, buffers, lo);

        fs::path tmp = out;
        tmp += ".partial-" + std::to_string(::getpid());
        fs::remove_all(tmp);
        fs::create_directories(tmp);
        writeFileAtomic(tmp / "rgb.png", encodePng(buffers.rgb));
        writeFileAtomic(tmp / "instance_id.png", encodeInstancePng(buffers.instanceId));
        writeFileAtomic(tmp / "depth_mm.png", encodeDepthPng(buffers.depth));
        writeFileAtomic(tmp / "depth.exr", encodeExr(buffers.depth, {"Z"}));
        writeFileAtomic(tmp / "normals.exr", encodeExr(buffers.normals, {"R", "G", "B"}));
        writeFileAtomic(tmp / "normals.png", encodePng(normalsPreview(buffers.normals)));
        writeFileAtomic(tmp / "instances.json", instancesJson(scene, labels).dump(2) + "\n");
        writeFileAtomic(tmp / "camera.json", cameraJson(scene.camera).dump(2) + "\n");
        fs::remove_all(out);
        fs::rename(tmp, out);
        std::printf("rendered %s (%dx%d, %zu objects, %zu visible, quality %s) on %s into %s\n",
                    demo ? "the built-in demo scene" : sceneArg.c_str(), buffers.rgb.width, buffers.rgb.height, scene.objects.size(),
                    labels.instances.size(), renderQualityName(quality), renderer.device().name.c_str(),
                    fs::absolute(out).lexically_normal().c_str());
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen render: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen render: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
