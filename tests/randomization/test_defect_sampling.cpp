// Defects drawn by a scenario: exact rates over the dataset whatever the shard split, placement on
// the part's surface with its normal, restrictions, severity grading, determinism, strict parsing.
#include "core/InputError.h"
#include "ScenarioText.h"
#include "randomization/SampleFrame.h"

#include <catch2/catch.hpp>

#include <map>

using namespace sg;

namespace {

// Two boxes per frame (2,000 part slots over 1,000 frames), 20 % of them defective, exactly.
const char* kScenario = R"({
  "assets": {"plates": {"category": "plate", "primitive": {"type": "box", "size": [0.1, 0.06, 0.01]}}},
  "groups": [
    {"name": "parts", "assets": "plates", "count": 2, "placement": {"mode": "volume", "min": [-1, -1, 0], "max": [1, 1, 0]},
     "defects": {"probability": 0.2, "exact": true, "families": {"scratch": 3, "dent": 1, "stain": 1},
                 "region": {"min": [-1, -1, 0.0049], "max": [1, 1, 1]},
                 "severity": [{"name": "reject", "families": ["scratch"], "min_length_mm": 12}, {"name": "accept"}]}}
  ]
})";

// Defective parts per family name over frames [begin, end).
std::map<std::string, int64_t> countDefectiveParts(const Scenario& sc, int64_t begin, int64_t end) {
    std::map<std::string, int64_t> n;
    for (int64_t f = end - 1; f >= begin; --f) {  // any order: each frame is computed alone
        FrameRecord r;
        Scene s = sampleFrame(sc, 7, f, r);
        for (const Object& o : s.objects)
            if (!o.defects.empty()) ++n[defectFamilyName(o.defects[0].family)];
    }
    return n;
}

}  // namespace

TEST_CASE("exact defect rates over 1,000 frames equal the requested counts, in one process and in three shards") {
    // 2,000 slots: 20 % defective = 400, split 3:1:1 = 240 scratches, 80 dents, 80 stains.
    const std::map<std::string, int64_t> expected{{"scratch", 240}, {"dent", 80}, {"stain", 80}};
    CHECK(countDefectiveParts(sgtest::scenarioFromText(kScenario, 1000), 0, 1000) == expected);
    std::map<std::string, int64_t> merged;
    for (auto [begin, end] : {std::pair<int64_t, int64_t>{667, 1000}, {0, 334}, {334, 667}}) {
        Scenario shard = sgtest::scenarioFromText(kScenario, 1000);  // each shard parses the scenario itself
        for (auto& [family, n] : countDefectiveParts(shard, begin, end)) merged[family] += n;
    }
    CHECK(merged == expected);
}

TEST_CASE("defects sit on the part's surface, face along its normal, stay in the region and carry their sizes") {
    Scenario sc = sgtest::scenarioFromText(kScenario, 100);
    int seen = 0;
    for (int64_t f = 0; f < 100; ++f) {
        FrameRecord r;
        Scene s = sampleFrame(sc, 3, f, r);
        for (const Object& o : s.objects)
            for (const Defect& d : o.defects) {
                ++seen;
                // The region keeps them on the top face z = +0.005 of the 0.1 x 0.06 x 0.01 box.
                CHECK(d.center.z == Approx(0.005).margin(1e-7));
                CHECK(std::abs(d.center.x) <= 0.05 + 1e-7);
                CHECK(std::abs(d.center.y) <= 0.03 + 1e-7);
                CHECK(d.normal.z == Approx(1.0).margin(1e-9));
                CHECK(std::abs(glm::dot(d.tangent, d.normal)) < 1e-9);
                REQUIRE(d.category >= 0);
                CHECK(sc.categories[size_t(d.category)].name == std::string("defect/") + defectFamilyName(d.family));
                CHECK(d.attributes.at("type") == defectFamilyName(d.family));
                CHECK(d.attributes.at("area_mm2").get<double>() > 0);
                if (d.family == DefectFamily::Scratch) {
                    CHECK(d.attributes.at("length_mm").get<double>() == Approx(d.length * 1000));
                    bool reject = d.length * 1000 >= 12;
                    CHECK(d.attributes.at("severity") == (reject ? "reject" : "accept"));
                } else {
                    CHECK(d.attributes.at("severity") == "accept");
                }
            }
    }
    CHECK(seen > 20);
}

TEST_CASE("defect centers are spread uniformly over the part's surface area") {
    // Every part defective, no region: the 0.1 x 0.06 x 0.01 box's top and bottom faces hold
    // 2 * 0.006 of its 0.0152 m^2, so 78.9 % of the centers (standard error 0.9 % over 2,000).
    const char* text = R"({
      "assets": {"plates": {"category": "plate", "primitive": {"type": "box", "size": [0.1, 0.06, 0.01]}}},
      "groups": [{"name": "parts", "assets": "plates", "count": 20,
                  "placement": {"mode": "volume", "min": [-1, -1, 0], "max": [1, 1, 0]},
                  "defects": {"probability": 1, "families": {"dent": 1}}}]
    })";
    Scenario sc = sgtest::scenarioFromText(text, 100);
    int onTopOrBottom = 0, total = 0;
    for (int64_t f = 0; f < 100; ++f) {
        FrameRecord r;
        for (const Object& o : sampleFrame(sc, 5, f, r).objects)
            for (const Defect& d : o.defects) {
                ++total;
                if (std::abs(std::abs(d.center.z) - 0.005) < 1e-7) ++onTopOrBottom;
            }
    }
    REQUIRE(total >= 2000);
    CHECK(double(onTopOrBottom) / total == Approx(0.012 / 0.0152).margin(0.03));
}

TEST_CASE("the same seed and frame give the same defects") {
    Scenario a = sgtest::scenarioFromText(kScenario, 50), b = sgtest::scenarioFromText(kScenario, 50);
    for (int64_t f = 0; f < 50; ++f) {
        FrameRecord ra, rb;
        sampleFrame(a, 11, f, ra);
        sampleFrame(b, 11, f, rb);
        REQUIRE(ra.values.dump() == rb.values.dump());
    }
}

TEST_CASE("bad defect settings are rejected with the path and a fix") {
    auto fails = [](const std::string& defects, const std::string& needle) {
        std::string text =
            R"({"assets": {"p": {"primitive": "box"}}, "groups": [{"name": "g", "assets": "p", "count": 1, "defects": )" + defects +
            "}]}";
        try {
            parseScenario(Json::parse(text), "s.json", SYNTHGEN_BINARY_DIR);
        } catch (const InputError& e) {
            INFO(e.what());
            CHECK_THAT(std::string(e.what()), Catch::Contains(needle));
            return;
        }
        FAIL("accepted " << defects);
    };
    fails(R"({"families": {"scrach": 1}})", "scrach");
    fails(R"({"probability": 1.5})", "probability");
    fails(R"({"scratch": {"length_mm": -3}})", "length_mm");
    fails(R"({"families": {"scratch": 0}})", "families");
    fails(R"({"crack": {"category": "crack/big"}})", "defect/crack");
}

TEST_CASE("exact defect rates need a constant group count") {
    const char* text = R"({"assets": {"p": {"primitive": "box"}},
      "groups": [{"name": "g", "assets": "p", "count": {"uniform": [1, 3]}, "defects": {"exact": true}}]})";
    CHECK_THROWS_AS(parseScenario(Json::parse(text), "s.json", SYNTHGEN_BINARY_DIR), InputError);
}
