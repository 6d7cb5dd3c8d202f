// `synthgen render` end to end: the files it writes agree with each other and with the conventions,
// and bad input gives one clear message and leaves no output folder behind.
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

namespace fs = std::filesystem;

namespace {

fs::path testDir(const std::string& name) {
    fs::path d = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "app" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

nlohmann::json readJson(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p);
    out << text;
}

// Decoded with stb_image (an independent PNG reader), 16 bits per channel for 16-bit files.
std::vector<uint16_t> decodePng16(const fs::path& p) {
    int w = 0, h = 0, c = 0;
    uint16_t* px = stbi_load_16(p.c_str(), &w, &h, &c, 0);
    REQUIRE(px != nullptr);
    std::vector<uint16_t> v(px, px + size_t(w) * h * c);
    stbi_image_free(px);
    return v;
}

}  // namespace

TEST_CASE("render --demo writes every documented file, and instances.json agrees with instance_id.png") {
    fs::path dir = testDir("demo");
    auto r = runCommand(synthgenBinary() + " render --demo --out " + (dir / "out").string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    for (const char* f :
         {"rgb.png", "instance_id.png", "depth_mm.png", "depth.exr", "normals.exr", "normals.png", "instances.json", "camera.json"})
        CHECK(fs::exists(dir / "out" / f));

    // Decode the 16-bit id image with stb_image (an independent PNG decoder) and recount.
    int w = 0, h = 0, c = 0;
    uint16_t* ids = stbi_load_16((dir / "out" / "instance_id.png").c_str(), &w, &h, &c, 1);
    REQUIRE(ids != nullptr);
    struct Stats {
        long count = 0;
        int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    };
    std::map<int, Stats> stats;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int id = ids[y * w + x];
            if (!id) continue;
            Stats& s = stats[id];
            ++s.count;
            s.x0 = std::min(s.x0, x);
            s.y0 = std::min(s.y0, y);
            s.x1 = std::max(s.x1, x);
            s.y1 = std::max(s.y1, y);
        }
    stbi_image_free(ids);

    auto camera = readJson(dir / "out" / "camera.json");
    CHECK(camera["width"] == w);
    CHECK(camera["height"] == h);
    auto instances = readJson(dir / "out" / "instances.json")["instances"];
    REQUIRE(instances.size() == stats.size());
    for (const auto& inst : instances) {
        const Stats& s = stats.at(inst["id"].get<int>());
        CHECK(inst["visible_pixels"] == s.count);
        // COCO convention: [x, y, w, h] on pixel edges, w = x1 - x0 + 1.
        CHECK(inst["bbox"] == nlohmann::json({s.x0, s.y0, s.x1 - s.x0 + 1, s.y1 - s.y0 + 1}));
    }
}

TEST_CASE("render of a missing scene file names it, exits 2 and writes nothing") {
    fs::path dir = testDir("missing");
    auto r = runCommand(synthgenBinary() + " render " + (dir / "nope.json").string() + " --out " + (dir / "out").string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("nope.json"));
    CHECK_THAT(r.output, Catch::Contains("Fix:"));
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("render of malformed JSON names the line and writes nothing") {
    fs::path dir = testDir("malformed");
    writeText(dir / "broken.json", "{\n  \"objects\": [\n    {\"name\": \"a\",}\n  ]\n}\n");
    auto r = runCommand(synthgenBinary() + " render " + (dir / "broken.json").string() + " --out " + (dir / "out").string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("broken.json"));
    CHECK_THAT(r.output, Catch::Contains("line 3"));
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("render of a scene with a typo in a key names the JSON path and suggests the key") {
    fs::path dir = testDir("typo");
    writeText(dir / "typo.json", R"({
      "camera": {"fov_deg": 50, "width": 64, "height": 48, "look_at": {"eye": [2, 0, 1], "target": [0, 0, 0], "up": [0, 0, 1]}},
      "objects": [{"name": "ball", "primitive": {"type": "sphere", "radius": 0.2}, "positon": [0, 0, 0]}]
    })");
    auto r = runCommand(synthgenBinary() + " render " + (dir / "typo.json").string() + " --out " + (dir / "out").string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("/objects/0/positon"));
    CHECK_THAT(r.output, Catch::Contains("position"));
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("render refuses to replace a folder that is not an earlier render") {
    fs::path dir = testDir("refuse");
    fs::create_directories(dir / "out");
    writeText(dir / "out" / "precious.txt", "keep me");
    auto r = runCommand(synthgenBinary() + " render --demo --out " + (dir / "out").string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("not a synthgen render folder"));
    CHECK(fs::exists(dir / "out" / "precious.txt"));
}

TEST_CASE("render rejects an absurd resolution on the command line") {
    fs::path dir = testDir("absurd");
    auto r = runCommand(synthgenBinary() + " render --demo --width 100000 --out " + (dir / "out").string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("--width"));
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("an unknown --quality is an input error (exit 2) naming the value and the valid presets") {
    fs::path dir = testDir("quality-bad");
    for (const std::string command : {"render --demo", "generate --frames 1"}) {
        auto r = runCommand(synthgenBinary() + " " + command + " --quality best --out " + (dir / "out").string());
        INFO(command << ": " << r.output);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.output, Catch::Contains("unknown --quality \"best\""));
        CHECK_THAT(r.output, Catch::Contains("draft, standard or high"));
        CHECK_FALSE(fs::exists(dir / "out" / "rgb.png"));
        CHECK_FALSE(fs::exists(dir / "out" / "manifest.json"));
    }
}

TEST_CASE("render --quality high changes the RGB of the demo but not its instance ids or depth") {
    fs::path dir = testDir("quality-render");
    for (const char* q : {"draft", "high"}) {
        auto r = runCommand(synthgenBinary() + " render --demo --width 320 --height 240 --quality " + q + " --out " +
                            (dir / q).string());
        INFO(r.output);
        REQUIRE(r.exitCode == 0);
        CHECK_THAT(r.output, Catch::Contains(std::string("quality ") + q));
    }
    CHECK(decodePng16(dir / "draft" / "instance_id.png") == decodePng16(dir / "high" / "instance_id.png"));
    CHECK(decodePng16(dir / "draft" / "depth_mm.png") == decodePng16(dir / "high" / "depth_mm.png"));
    CHECK(decodePng16(dir / "draft" / "rgb.png") != decodePng16(dir / "high" / "rgb.png"));
}
