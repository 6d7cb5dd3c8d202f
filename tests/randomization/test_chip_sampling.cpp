// Chips drawn by a scenario: one more defect family (exact rates), cut out of the part's mesh with
// the removed volume on record, byte-identical for one seed, refused on open meshes with a fix.
#include "ScenarioText.h"
#include "randomization/SampleFrame.h"
#include "scenes/Chip.h"
#include "scenes/MeshBoolean.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <map>

using namespace sg;

namespace {

// Two 0.1 x 0.06 x 0.01 boxes per frame (80 slots over 40 frames), half of them defective,
// exactly: 20 chipped, 20 scratched.
const char* kScenario = R"({
  "assets": {"plates": {"category": "plate", "primitive": {"type": "box", "size": [0.1, 0.06, 0.01]}}},
  "groups": [
    {"name": "parts", "assets": "plates", "count": 2, "placement": {"mode": "volume", "min": [-1, -1, 0], "max": [1, 1, 0]},
     "defects": {"probability": 0.5, "exact": true, "families": {"scratch": 1, "chip": 1},
                 "chip": {"length_mm": {"uniform": [3, 5]}, "width_mm": 4, "depth_mm": 1}}}
  ]
})";

const double kBoxVolume = 0.1 * 0.06 * 0.01;

}  // namespace

TEST_CASE("chips are one more defect family: exact counts over the dataset") {
    Scenario sc = sgtest::scenarioFromText(kScenario, 40);
    std::map<std::string, int> parts;
    for (int64_t f = 0; f < 40; ++f) {
        FrameRecord r;
        for (const Object& o : sampleFrame(sc, 5, f, r).objects)
            if (!o.defects.empty()) ++parts[defectFamilyName(o.defects[0].family)];
    }
    CHECK(parts == std::map<std::string, int>{{"chip", 20}, {"scratch", 20}});
}

TEST_CASE("a chipped part's mesh has lost the volume its chip records, and the chip its sizes and category") {
    Scenario sc = sgtest::scenarioFromText(kScenario, 40);
    int chips = 0;
    for (int64_t f = 0; f < 40; ++f) {
        FrameRecord r;
        for (const Object& o : sampleFrame(sc, 5, f, r).objects) {
            if (o.defects.empty()) {
                CHECK(meshVolume(*o.parts[0].mesh) == Approx(kBoxVolume).epsilon(1e-6));
                continue;
            }
            const Defect& d = o.defects[0];
            if (d.family != DefectFamily::Chip) continue;
            ++chips;
            const double removed = d.attributes.at("volume_mm3").get<double>() * 1e-9;
            CHECK(removed > 0);
            CHECK(removed < 2.0 * 0.005 * 0.004 * 0.002 * 2.2);  // below the cutter's volume (+-25 % tilts)
            CHECK(meshVolume(*o.parts[0].mesh) == Approx(kBoxVolume - removed).epsilon(1e-6));
            CHECK(d.attributes.at("type") == "chip");
            CHECK(d.attributes.at("width_mm").get<double>() == Approx(4.0));
            CHECK(d.attributes.at("depth_mm").get<double>() == Approx(1.0));
            CHECK(d.attributes.at("area_mm2").get<double>() > 0);
            CHECK(sc.categories[size_t(d.category)].name == "defect/chip");
            // The cutter is centered on the box's surface.
            glm::dvec3 c = glm::abs(glm::dvec3(d.cutterToModel[3]));
            CHECK(std::max({c.x / 0.05, c.y / 0.03, c.z / 0.005}) == Approx(1.0).margin(1e-6));
        }
    }
    CHECK(chips == 20);
}

TEST_CASE("chips sit on the box's edges, along them, unless the scenario says \"at\": \"face\"") {
    auto chipCenters = [](const std::string& text) {
        Scenario sc = sgtest::scenarioFromText(text, 40);
        std::vector<std::pair<glm::dvec3, glm::dvec3>> centers;  // center, tangent
        for (int64_t f = 0; f < 40; ++f) {
            FrameRecord r;
            for (const Object& o : sampleFrame(sc, 5, f, r).objects)
                if (!o.defects.empty() && o.defects[0].family == DefectFamily::Chip)
                    centers.push_back({o.defects[0].center, o.defects[0].tangent});
        }
        return centers;
    };
    // On an edge of the 0.1 x 0.06 x 0.01 box: two coordinates at their faces, the tangent along the third axis.
    auto facesAt = [](glm::dvec3 c) {
        return int(std::abs(std::abs(c.x) - 0.05) < 1e-7) + int(std::abs(std::abs(c.y) - 0.03) < 1e-7) +
               int(std::abs(std::abs(c.z) - 0.005) < 1e-7);
    };
    for (const auto& [c, t] : chipCenters(kScenario)) {
        CHECK(facesAt(c) >= 2);
        CHECK(std::max({std::abs(t.x), std::abs(t.y), std::abs(t.z)}) == Approx(1.0));
    }
    std::string onFaces = kScenario;
    const std::string depth = "\"depth_mm\": 1}";
    onFaces.replace(onFaces.find(depth), depth.size(), "\"depth_mm\": 1, \"at\": \"face\"}");
    int inside = 0;
    for (const auto& [c, t] : chipCenters(onFaces)) inside += facesAt(c) == 1;
    CHECK(inside >= 15);  // a uniform point on the surface is almost never on an edge
}

TEST_CASE("the same seed and frame give byte-identical chipped meshes") {
    Scenario a = sgtest::scenarioFromText(kScenario, 10), b = sgtest::scenarioFromText(kScenario, 10);
    int compared = 0;
    for (int64_t f = 0; f < 10; ++f) {
        FrameRecord ra, rb;
        Scene sa = sampleFrame(a, 9, f, ra), sb = sampleFrame(b, 9, f, rb);
        REQUIRE(ra.values.dump() == rb.values.dump());
        for (size_t i = 0; i < sa.objects.size(); ++i) {
            const Mesh &ma = *sa.objects[i].parts[0].mesh, &mb = *sb.objects[i].parts[0].mesh;
            REQUIRE(ma.vertices.size() == mb.vertices.size());
            CHECK(std::memcmp(ma.vertices.data(), mb.vertices.data(), ma.vertices.size() * sizeof(Vertex)) == 0);
            CHECK(ma.indices == mb.indices);
            compared += !sa.objects[i].defects.empty() && sa.objects[i].defects[0].family == DefectFamily::Chip;
        }
    }
    CHECK(compared > 0);
}

TEST_CASE("a chip drawn on an open mesh stops the frame with the part, the mesh and the fix") {
    const char* text = R"({"assets": {"sheet": {"primitive": {"type": "plane", "size": [0.1, 0.1]}}},
      "groups": [{"name": "g", "assets": "sheet", "count": 1, "defects": {"probability": 1, "families": {"chip": 1}}}]})";
    Scenario sc = sgtest::scenarioFromText(text, 1);
    FrameRecord r;
    try {
        sampleFrame(sc, 1, 0, r);
        FAIL("no error");
    } catch (const MeshBooleanError& e) {
        std::string m = e.what();
        INFO(m);
        CHECK(m.find("g#0") != std::string::npos);
        CHECK(m.find("mesh 'plane' is not closed") != std::string::npos);
        CHECK(m.find("fix:") != std::string::npos);
    }
}
