// A defect written in a JSON scene file (docs/scene-format.md, "Defects") is drawn and labeled by
// the renderer like a scenario's: a straight scratch on a box seen head-on, its size known.
#include "labels/Labels.h"
#include "renderer/Renderer.h"
#include "scenes/SceneJson.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace sg;

namespace {

// Camera 0.5 m above a 0.2 x 0.15 x 0.01 m box, looking down, 1000 px focal length: the box's top
// face (z = 0.005) is 0.495 m away, so 1 px = 0.495 mm there.
const char* kScene = R"({
  "camera": {"width": 320, "height": 240, "fx": 1000, "look_at": {"eye": [0, 0, 0.5], "target": [0, 0, 0], "up": [0, 1, 0]}},
  "categories": ["part", "defect/scratch"],
  "lights": [{"type": "directional", "direction": [0.2, 0.1, -1], "intensity": 2}],
  "objects": [{"name": "plate", "category": "part", "primitive": {"type": "box", "size": [0.2, 0.15, 0.01]},
               "defects": [{"family": "scratch", "center": [0, 0, 0.005], "normal": [0, 0, 1], "tangent": [1, 0, 0],
                            "length_mm": 60, "width_mm": 2, "depth_mm": 0.1, "category": "defect/scratch"}]}]
})";

}  // namespace

TEST_CASE("a scratch written in a scene file is drawn inside its part's mask and labeled with its category and sizes") {
    AssetCache cache;
    Scene scene = loadSceneJsonText(kScene, "scratch.json", std::filesystem::temp_directory_path(), {}, cache);
    RendererOptions options;
    options.validation = true;
    Renderer renderer(options);
    FrameBuffers fb = renderer.render(scene);
    FrameLabels labels = computeLabels(scene, fb);

    const InstanceLabel* scratch = nullptr;
    for (const InstanceLabel& l : labels.instances)
        if (l.parentInstanceId == 1) scratch = &l;
    REQUIRE(scratch != nullptr);
    CHECK(scene.categories[size_t(scratch->category)].name == "defect/scratch");
    CHECK(scratch->attributes.at("type") == "scratch");
    CHECK(scratch->attributes.at("length_mm").get<double>() == Approx(60));
    CHECK(scratch->attributes.at("area_mm2").get<double>() == Approx(120));

    long inPart = 0, outsidePart = 0;
    for (size_t p = 0; p < fb.defectId.pixels.size(); ++p)
        if (fb.defectId.pixels[p] == scratch->instanceId) (fb.instanceId.pixels[p] == 1 ? inPart : outsidePart)++;
    CHECK(outsidePart == 0);
    // 60 mm x 2 mm at 0.495 mm a pixel: 121.2 px x 4.04 px, give or take a row of pixels.
    const double lengthPx = 60 / 0.495, widthPx = 2 / 0.495;
    CHECK(inPart == scratch->visiblePixels);
    CHECK(double(inPart) >= (lengthPx - 1) * (widthPx - 1));
    CHECK(double(inPart) <= (lengthPx + 1) * (widthPx + 1));
    CHECK(std::abs(scratch->box.x1 - scratch->box.x0 - lengthPx) <= 1.0);
    CHECK(renderer.validationMessages().empty());
}
