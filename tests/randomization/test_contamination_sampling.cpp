// Contamination drawn by a scenario: styles by their weights, each with its own category, sizes
// and attributes (docs/scenario-format.md, "defects"); strict parsing of the style settings.
#include "core/InputError.h"
#include "ScenarioText.h"
#include "randomization/SampleFrame.h"

#include <catch2/catch.hpp>

#include <map>

using namespace sg;

namespace {

// One box per frame, always contaminated: dust three times as often as fibers, every size fixed.
const char* kScenario = R"({
  "assets": {"plates": {"category": "plate", "primitive": {"type": "box", "size": [0.1, 0.06, 0.01]}}},
  "groups": [
    {"name": "parts", "assets": "plates", "count": 1, "placement": {"mode": "volume", "min": [-1, -1, 0], "max": [1, 1, 0]},
     "defects": {"probability": 1, "families": {"contamination": 1},
                 "contamination": {"styles": {"dust": 3, "fiber": 1},
                                   "dust": {"diameter_mm": 4, "particle_diameter_mm": 0.2, "particles": 10, "height_mm": 0.05},
                                   "fiber": {"length_mm": 6, "width_mm": 0.05, "fibers": 2, "curvature_per_m": 100,
                                             "category": "defect/contamination/fiber/lint"}}}}
  ]
})";

std::vector<Defect> defectsOfFrames(const Scenario& sc, int64_t frames) {
    std::vector<Defect> out;
    for (int64_t f = 0; f < frames; ++f) {
        FrameRecord r;
        Scene s = sampleFrame(sc, 5, f, r);
        for (const Object& o : s.objects) out.insert(out.end(), o.defects.begin(), o.defects.end());
    }
    return out;
}

}  // namespace

TEST_CASE("contamination styles are drawn by their weights") {
    std::map<ContaminationStyle, int> n;
    std::vector<Defect> defects = defectsOfFrames(sgtest::scenarioFromText(kScenario), 800);
    REQUIRE(defects.size() == 800);
    for (const Defect& d : defects) {
        REQUIRE(d.family == DefectFamily::Contamination);
        ++n[d.style];
    }
    // 600 expected dust clusters; the binomial standard deviation is sqrt(800 * 0.75 * 0.25) = 12.2.
    CHECK(std::abs(n[ContaminationStyle::Dust] - 600) < 4 * 12.2);
}

TEST_CASE("each contamination style carries its own category, sizes and attributes") {
    Scenario sc = sgtest::scenarioFromText(kScenario);
    const double pi = 3.14159265358979;
    for (const Defect& d : defectsOfFrames(sc, 40)) {
        const nlohmann::json& a = d.attributes;
        CHECK(a.at("type") == "contamination");
        CHECK(a.at("height_mm").get<double>() == Approx(d.style == ContaminationStyle::Dust ? 0.05 : 0.02));
        if (d.style == ContaminationStyle::Dust) {
            CHECK(sc.categories[size_t(d.category)].name == "defect/contamination/dust");
            CHECK(a.at("style") == "dust");
            CHECK(d.length == Approx(0.004));
            CHECK(d.width == Approx(0.0002));
            CHECK(a.at("particles") == 10);
            // One particle of diameter 0.2 mm and nine of 50 to 100 % of it: E[s^2] = 7 / 12.
            CHECK(a.at("area_mm2").get<double>() == Approx(pi * 0.01 * (1 + 9 * 7.0 / 12)));
        } else {
            CHECK(sc.categories[size_t(d.category)].name == "defect/contamination/fiber/lint");
            CHECK(a.at("style") == "fiber");
            CHECK(a.at("length_mm").get<double>() == Approx(6));
            CHECK(a.at("width_mm").get<double>() == Approx(0.05));
            CHECK(d.curvature == Approx(100));
            CHECK(a.at("fibers") == 2);
            CHECK(a.at("area_mm2").get<double>() == Approx(2 * 6 * 0.05));
        }
    }
}

TEST_CASE("bad contamination settings are rejected with the path and a fix") {
    auto fails = [](const std::string& contamination, const std::string& needle) {
        std::string text = R"({"assets": {"p": {"primitive": "box"}}, "groups": [{"name": "g", "assets": "p", "count": 1,
            "defects": {"families": {"contamination": 1}, "contamination": )" +
                           contamination + "}}]}";
        try {
            sgtest::scenarioFromText(text);
        } catch (const InputError& e) {
            INFO(e.what());
            CHECK_THAT(std::string(e.what()), Catch::Contains(needle));
            return;
        }
        FAIL("accepted " << contamination);
    };
    fails(R"({"styles": {"hair": 1}})", "/defects/contamination/styles");
    fails(R"({"styles": {"dust": 0, "fiber": 0}})", "every style weight is 0");
    fails(R"({"dust": {"particles": 100}})", "/defects/contamination/dust/particles");
    fails(R"({"fiber": {"fibers": 0}})", "fibers");
    fails(R"({"fiber": {"category": "defect/fiber"}})", "defect/contamination");
    fails(R"({"diameter_mm": 3})", "diameter_mm");
}
