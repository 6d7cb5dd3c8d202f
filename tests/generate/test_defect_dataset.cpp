// Defects end to end through the real binary: every defect annotation in the COCO export has a
// parent part annotation in the same image, its mask (decoded with a reader written from the COCO
// spec) lies inside the parent's mask pixel by pixel, and it carries its attributes; the dataset is
// byte-identical for one seed, also when made as shards and merged.
#include "core/AtomicFile.h"
#include "exporters/SpecDecoders.h"
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "defect-dataset";

// Three plates under a fixed camera with lens distortion; half the plates carry a defect on top.
const char* kScenario = R"({
  "resolution": [200, 150],
  "categories": ["plate"],
  "assets": {"plate": {"category": "plate", "primitive": {"type": "box", "size": [0.05, 0.035, 0.01]},
                       "color": [0.6, 0.6, 0.65], "metallic": 1, "roughness": 0.35}},
  "groups": [
    {"name": "plates", "assets": "plate", "count": 3, "pose": {"yaw": {"uniform": [0, 360]}},
     "placement": {"mode": "grid", "rows": 1, "cols": 3, "spacing": [0.065, 0.065], "min": [0, 0, 0], "max": [0, 0, 0]},
     "defects": {"probability": 0.5, "exact": true, "per_part": {"uniform": [1, 2]},
                 "region": {"min": [-1, -1, 0.0049], "max": [1, 1, 1]},
                 "scratch": {"length_mm": {"uniform": [15, 25]}, "width_mm": {"uniform": [1.5, 3]}},
                 "crack": {"length_mm": {"uniform": [15, 25]}, "width_mm": {"uniform": [2, 3]}},
                 "dent": {"diameter_mm": {"uniform": [8, 14]}, "depth_mm": 1},
                 "stain": {"diameter_mm": {"uniform": [8, 14]}},
                 "pitting": {"diameter_mm": 12, "pit_diameter_mm": {"uniform": [1.5, 2.5]}, "pits": 12},
                 "severity": [{"name": "reject", "min_area_mm2": 60}, {"name": "accept"}]}}
  ],
  "lights": [{"name": "ring", "type": "point", "count": 2, "intensity": 0.3, "distance": 0.3, "elevation": 70}],
  "camera": {"intrinsics": {"fx": 500, "fy": 500, "cx": 99.5, "cy": 74.5, "resolution": [200, 150]},
             "distortion": {"k1": -0.1}, "position": [0, 0, 0.5], "target": [0, 0, 0]}
})";

fs::path write(const std::string& name, const std::string& text) {
    fs::create_directories(kRoot);
    fs::path p = kRoot / name;
    sg::writeFileAtomic(p, std::string_view(text));
    return p;
}

std::string generate(const fs::path& scenario, const fs::path& out, const std::string& extra = "") {
    fs::remove_all(out);
    CommandResult r = runCommand(synthgenBinary() + " generate " + scenario.string() + " --out " + out.string() +
                                 " --frames 24 --seed 5 --formats coco --quiet " + extra);
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    return sg::readTextFile(out / "coco/annotations.json");
}

sg::ImageU8 maskOf(const nlohmann::json& a) {
    const auto& seg = a.at("segmentation");
    int h = seg.at("size")[0], w = seg.at("size")[1];
    return spec::maskFromCounts(spec::cocoCountsFromString(seg.at("counts").get<std::string>()), h, w);
}

}  // namespace

TEST_CASE("a generated dataset: every defect mask lies inside its parent part's mask, with parent_id and attributes") {
    std::string text = generate(write("scenario.json", kScenario), kRoot / "ds");
    nlohmann::json coco = nlohmann::json::parse(text);
    std::map<int, std::string> categoryName;
    for (const auto& c : coco.at("categories")) categoryName[c.at("id")] = c.at("name");
    std::map<int64_t, const nlohmann::json*> byId;
    for (const auto& a : coco.at("annotations")) byId[a.at("id")] = &a;

    int defects = 0;
    std::set<std::string> families;
    for (const auto& a : coco.at("annotations")) {
        const std::string name = categoryName.at(a.at("category_id"));
        if (name.rfind("defect/", 0) != 0) {
            CHECK_FALSE(a.contains("parent_id"));
            continue;
        }
        ++defects;
        families.insert(name);
        INFO("annotation " << a.at("id") << " " << name);
        REQUIRE(a.contains("parent_id"));
        REQUIRE_FALSE(a.at("parent_id").is_null());  // no filters: every part is labeled
        const nlohmann::json& parent = *byId.at(a.at("parent_id").get<int64_t>());
        CHECK(parent.at("image_id") == a.at("image_id"));
        CHECK(parent.at("instance_id") == a.at("parent_instance_id"));
        CHECK(categoryName.at(parent.at("category_id")) == "plate");
        sg::ImageU8 mask = maskOf(a), parentMask = maskOf(parent);
        long pixels = 0, outside = 0;
        for (size_t p = 0; p < mask.pixels.size(); ++p)
            if (mask.pixels[p]) {
                ++pixels;
                outside += parentMask.pixels[p] == 0;
            }
        CHECK(pixels == a.at("area").get<long>());
        CHECK(pixels > 0);
        CHECK(outside == 0);
        const auto& attributes = a.at("attributes");
        // defect/<family>, for contamination defect/contamination/<style> (docs/scenario-format.md)
        const std::string style = attributes.contains("style") ? "/" + attributes.at("style").get<std::string>() : "";
        CHECK(name == "defect/" + attributes.at("type").get<std::string>() + style);
        CHECK(attributes.at("area_mm2").get<double>() > 0);
        CHECK(attributes.at("severity") == (attributes.at("area_mm2").get<double>() >= 60 ? "reject" : "accept"));
    }
    CHECK(defects >= 20);  // 36 defective plates (72 slots x 0.5), one or two defects each
    CHECK(families.size() >= 4);
}

TEST_CASE("defects: one seed gives the same annotations in one run and in three merged shards") {
    fs::path scenario = write("scenario.json", kScenario);
    std::string whole = generate(scenario, kRoot / "whole");
    std::vector<std::string> parts;
    for (int i = 0; i < 3; ++i) {
        fs::path out = kRoot / ("part" + std::to_string(i));
        generate(scenario, out, "--shard " + std::to_string(i) + "/3");
        parts.push_back(out.string());
    }
    fs::path merged = kRoot / "merged";
    fs::remove_all(merged);
    std::string cmd = synthgenBinary() + " merge";
    for (const auto& p : parts) cmd += " " + p;
    CommandResult m = runCommand(cmd + " --out " + merged.string());
    INFO(m.output);
    REQUIRE(m.exitCode == 0);
    CHECK(sg::readTextFile(merged / "coco/annotations.json") == whole);
}
