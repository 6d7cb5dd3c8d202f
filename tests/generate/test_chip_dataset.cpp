// Chips end to end through the real binary: every chip annotation lies inside its parent part's
// mask (decoded with a reader written from the COCO spec), its amodal mask holds its visible one,
// BOP gets one model per chipped geometry, and one seed gives the same bytes twice.
#include "core/AtomicFile.h"
#include "exporters/SpecDecoders.h"
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "chip-dataset";

// Three plates seen at an angle, every one chipped (on an edge, by default) by 8-12 mm.
const char* kScenario = R"({
  "resolution": [200, 150],
  "categories": ["plate"],
  "assets": {"plate": {"category": "plate", "primitive": {"type": "box", "size": [0.05, 0.035, 0.01]},
                       "color": [0.6, 0.6, 0.65], "metallic": 1, "roughness": 0.35}},
  "groups": [
    {"name": "plates", "assets": "plate", "count": 3, "pose": {"yaw": {"uniform": [0, 360]}},
     "placement": {"mode": "grid", "rows": 1, "cols": 3, "spacing": [0.065, 0.065], "min": [0, 0, 0], "max": [0, 0, 0]},
     "defects": {"probability": 1, "exact": true, "families": {"chip": 1},
                 "chip": {"length_mm": {"uniform": [8, 12]}, "width_mm": {"uniform": [8, 12]}, "depth_mm": 3}}}
  ],
  "lights": [{"name": "ring", "type": "point", "count": 2, "intensity": 0.3, "distance": 0.3, "elevation": 70}],
  "camera": {"intrinsics": {"fx": 500, "fy": 500, "cx": 99.5, "cy": 74.5, "resolution": [200, 150]},
             "position": [0, -0.25, 0.45], "target": [0, 0, 0]}
})";

fs::path scenarioFile() {
    fs::create_directories(kRoot);
    fs::path p = kRoot / "scenario.json";
    sg::writeFileAtomic(p, std::string_view(kScenario));
    return p;
}

void generate(const fs::path& out, const std::string& formats) {
    fs::remove_all(out);
    CommandResult r = runCommand(synthgenBinary() + " generate " + scenarioFile().string() + " --out " + out.string() +
                                 " --frames 8 --seed 3 --amodal --quiet --formats " + formats);
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
}

sg::ImageU8 decode(const nlohmann::json& rle) {
    int h = rle.at("size")[0], w = rle.at("size")[1];
    return spec::maskFromCounts(spec::cocoCountsFromString(rle.at("counts").get<std::string>()), h, w);
}

}  // namespace

TEST_CASE("a generated dataset: every chip mask lies inside its parent's mask and inside its own amodal mask") {
    generate(kRoot / "ds", "coco");
    nlohmann::json coco = nlohmann::json::parse(sg::readTextFile(kRoot / "ds/coco/annotations.json"));
    std::map<int, std::string> categoryName;
    for (const auto& c : coco.at("categories")) categoryName[c.at("id")] = c.at("name");
    std::map<int64_t, const nlohmann::json*> byId;
    for (const auto& a : coco.at("annotations")) byId[a.at("id")] = &a;
    int chips = 0;
    for (const auto& a : coco.at("annotations")) {
        if (categoryName.at(a.at("category_id")) != "defect/chip") continue;
        ++chips;
        INFO("annotation " << a.at("id"));
        const nlohmann::json& parent = *byId.at(a.at("parent_id").get<int64_t>());
        CHECK(parent.at("image_id") == a.at("image_id"));
        sg::ImageU8 mask = decode(a.at("segmentation")), parentMask = decode(parent.at("segmentation"));
        long pixels = 0, outside = 0;
        for (size_t p = 0; p < mask.pixels.size(); ++p)
            if (mask.pixels[p]) ++pixels, outside += parentMask.pixels[p] == 0;
        CHECK(pixels == a.at("area").get<long>());
        CHECK(outside == 0);
        CHECK(a.at("amodal_area").get<long>() >= pixels);
        const auto& attributes = a.at("attributes");
        CHECK(attributes.at("type") == "chip");
        CHECK(attributes.at("volume_mm3").get<double>() > 0);
        CHECK(attributes.at("area_mm2").get<double>() > 0);
    }
    CHECK(chips >= 8);  // 24 chipped plates; a chip whose fracture faces away from the camera has no pixels
}

TEST_CASE("chipped parts: one BOP model per chipped geometry, and one seed gives the same bytes twice") {
    generate(kRoot / "a", "coco,bop");
    generate(kRoot / "b", "coco,bop");
    CHECK(sg::readTextFile(kRoot / "a/coco/annotations.json") == sg::readTextFile(kRoot / "b/coco/annotations.json"));
    nlohmann::json objIds = nlohmann::json::parse(sg::readTextFile(kRoot / "a/bop/obj_ids.json"));
    CHECK(objIds.size() == 24);  // 8 frames x 3 plates, each cut differently
}
