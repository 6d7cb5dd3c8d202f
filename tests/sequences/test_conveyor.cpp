// A conveyor belt in a generate sequence: examples/scenarios/conveyor.json drops parts onto the static
// belt of examples/scenes/conveyor-belt.json (conveyor_velocity 0.2 m/s along +X); over the frames of
// a sequence every part moves at the belt's speed.
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

TEST_CASE("parts on the example conveyor belt move at the belt's speed from frame to frame") {
    fs::path out = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "sequences" / "conveyor";
    fs::remove_all(out);
    const double interval = 0.05, beltSpeed = 0.2;  // the belt's conveyor_velocity in the example scene
    auto r = runCommand(synthgenBinary() + " generate " + SYNTHGEN_SOURCE_DIR "/examples/scenarios/conveyor.json" +
                        " --frames 6 --sequence-length 6 --frame-interval 0.05 --width 160 --height 120 --quiet"
                        " --formats coco,mot --out " +
                        out.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);

    std::ifstream in(out / "frames.jsonl");
    std::map<int, std::vector<nlohmann::json>> positions;  // instance id -> position per frame
    std::string line;
    int frames = 0;
    while (std::getline(in, line)) {
        auto rec = nlohmann::json::parse(line);
        ++frames;
        for (const auto& o : rec["sampled"]["objects"])
            if (o.contains("position_in_sequence")) positions[o["instance_id"].get<int>()].push_back(o["position_in_sequence"]);
    }
    REQUIRE(frames == 6);
    REQUIRE(positions.size() >= 3);  // the example drops 3 to 5 parts
    for (const auto& [id, p] : positions) {
        INFO("instance " << id);
        REQUIRE(p.size() == 6);
        for (size_t k = 1; k < p.size(); ++k) {
            double dx = p[k][0].get<double>() - p[k - 1][0].get<double>();
            double dy = p[k][1].get<double>() - p[k - 1][1].get<double>();
            CHECK(dx == Approx(beltSpeed * interval).epsilon(0.1));
            CHECK(std::abs(dy) < 0.1 * beltSpeed * interval);
        }
    }
    // The MOT export has one sequence of 6 frames.
    CHECK(fs::exists(out / "mot" / "seq-000000" / "gt" / "gt.txt"));
}
