// Options of `synthgen generate` that only change how labels are written, and the quality preset's record.
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

nlohmann::json readJsonFile(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("generate with the coco-polygons option writes pixel-edge polygons whose area equals the mask's pixel count") {
    fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "app" / "polygons";
    fs::remove_all(dir);
    auto r = runCommand(synthgenBinary() +
                        " generate --frames 3 --seed 5 --width 160 --height 120 --quiet"
                        " --formats coco --coco-polygons --out " +
                        dir.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    std::ifstream in(dir / "coco" / "annotations.json");
    auto coco = nlohmann::json::parse(in);
    REQUIRE(coco["annotations"].size() > 0);
    for (const auto& a : coco["annotations"]) {
        const auto& seg = a["segmentation"];
        REQUIRE(seg.is_array());
        REQUIRE(seg.size() >= 1);
        // Polygons follow pixel edges (holes joined by zero-width bridges), so the shoelace areas
        // add up to the number of mask pixels exactly.
        double area = 0;
        for (const auto& poly : seg) {
            REQUIRE(poly.size() % 2 == 0);
            REQUIRE(poly.size() >= 6);
            double twice = 0;
            size_t n = poly.size() / 2;
            for (size_t i = 0; i < n; ++i) {
                size_t j = (i + 1) % n;
                twice += poly[2 * i].get<double>() * poly[2 * j + 1].get<double>() -
                         poly[2 * j].get<double>() * poly[2 * i + 1].get<double>();
            }
            area += std::abs(twice) / 2;
        }
        CHECK(area == Approx(a["area"].get<double>()).margin(1e-6));
    }
}

TEST_CASE("generate records the quality preset and its settings in manifest.json; standard by default") {
    fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "app" / "quality-generate";
    fs::remove_all(dir);
    const std::string common = " generate --frames 1 --width 160 --height 120 --quiet --formats coco --out ";
    auto r = runCommand(synthgenBinary() + common + (dir / "default").string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    auto high = runCommand(synthgenBinary() + common + (dir / "high").string() + " --quality high");
    INFO(high.output);
    REQUIRE(high.exitCode == 0);
    CHECK(readJsonFile(dir / "default" / "manifest.json")["render_quality"]["preset"] == "standard");
    CHECK(readJsonFile(dir / "high" / "manifest.json")["render_quality"]["preset"] == "high");
    CHECK(readJsonFile(dir / "high" / "manifest.json")["render_quality"]["color_samples_up_to"] == 8);
    CHECK(readJsonFile(dir / "default" / "manifest.json")["render_quality"]["color_samples_up_to"] == 1);
}

TEST_CASE("generate takes the scenario's \"quality\" unless --quality is given, and records the one used") {
    fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "app" / "quality-scenario";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        std::ofstream(dir / "scenario.json") << R"({
  "quality": "high",
  "assets": {"cubes": {"category": "cube", "primitive": "box"}},
  "groups": [{"name": "parts", "assets": "cubes", "count": 2}]
})";
    }
    const std::string common = " generate " + (dir / "scenario.json").string() +
                               " --frames 1 --width 160 --height 120 --quiet --formats coco --out ";
    auto fromFile = runCommand(synthgenBinary() + common + (dir / "from-file").string());
    INFO(fromFile.output);
    REQUIRE(fromFile.exitCode == 0);
    auto overridden = runCommand(synthgenBinary() + common + (dir / "overridden").string() + " --quality draft");
    INFO(overridden.output);
    REQUIRE(overridden.exitCode == 0);
    CHECK(readJsonFile(dir / "from-file" / "manifest.json")["render_quality"]["preset"] == "high");
    CHECK(readJsonFile(dir / "overridden" / "manifest.json")["render_quality"]["preset"] == "draft");
}
