#include "randomization/Scenario.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace sg;

namespace {

const char* kMinimal = R"({
  "assets": {"cubes": {"category": "cube", "primitive": "box"}},
  "groups": [{"name": "parts", "assets": "cubes", "count": {"uniform": [1, 3]}}]
})";

std::string errorOf(const std::string& text) {
    try {
        parseScenario(Json::parse(text), "scenario.json", SYNTHGEN_BINARY_DIR);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string patched(const std::string& patch) {
    Json j = Json::parse(kMinimal);
    j.merge_patch(Json::parse(patch));
    return j.dump();
}

}  // namespace

TEST_CASE("a minimal scenario parses, with categories from its pools") {
    Scenario sc = parseScenario(Json::parse(kMinimal), "scenario.json", SYNTHGEN_BINARY_DIR);
    REQUIRE(sc.variants.size() == 1);
    REQUIRE(sc.categories.size() == 1);
    CHECK(sc.categories[0].name == "cube");
    CHECK(sc.categories[0].id == 1);
    CHECK(sc.variants[0].body.groups[0].count.largest() == 3);
}

TEST_CASE("the built-in demo scenario parses") {
    Scenario sc = parseScenario(parseJsonText(builtinDemoScenarioJson(), "demo"), "demo", SYNTHGEN_BINARY_DIR);
    CHECK(sc.variants.size() == 2);
    CHECK(sc.categories.size() == 4);
}

TEST_CASE("unknown keys anywhere are rejected with the file and JSON path") {
    CHECK_THAT(errorOf(patched(R"({"camra": {}})")), Catch::Contains("scenario.json") && Catch::Contains("camra"));
    CHECK_THAT(errorOf(patched(R"({"groups": [{"name": "parts", "assets": "cubes", "cuont": 2}]})")),
               Catch::Contains("/groups/0/cuont"));
    CHECK_THAT(errorOf(patched(R"({"camera": {"look_at": {"distanse": 2}}})")), Catch::Contains("/camera/look_at/distanse"));
    CHECK_THAT(errorOf(patched(R"({"assets": {"cubes": {"primitive": "cube"}}})")), Catch::Contains("unknown primitive"));
}

TEST_CASE("wrong types and impossible ranges are rejected up front") {
    CHECK_THAT(errorOf(patched(R"({"groups": [{"name": "parts", "assets": "cubes", "count": {"uniform": [5, 2]}}]})")),
               Catch::Contains("/groups/0/count/uniform") && Catch::Contains("impossible range"));
    CHECK_THAT(errorOf(patched(R"({"groups": [{"name": "parts", "assets": "cubes", "count": 1.5}]})")),
               Catch::Contains("whole number"));
    CHECK_THAT(errorOf(patched(R"({"groups": [{"name": "parts", "assets": "bolts"}]})")), Catch::Contains("unknown name \"bolts\""));
    CHECK_THAT(errorOf(patched(R"({"camera": {"fov": {"uniform": [30, 200]}}})")), Catch::Contains("/camera/fov"));
    CHECK_THAT(
        errorOf(patched(R"({"groups": [{"name": "parts", "assets": "cubes", "material": {"roughness": {"uniform": [0.5, 1.5]}}}]})")),
        Catch::Contains("/groups/0/material/roughness"));
    CHECK_THAT(
        errorOf(patched(
            R"({"groups": [{"name": "parts", "assets": "cubes", "placement": {"mode": "grid", "rows": 2, "cols": 2}, "count": 5}]})")),
        Catch::Contains("cells"));
    CHECK_THAT(errorOf(patched(
                   R"({"variants": [{"name": "a", "weight": 0.7, "override": {}}, {"name": "b", "weight": 0.6, "override": {}}]})")),
               Catch::Contains("more than 1"));
}

TEST_CASE("errors inside a variant's override name the variant") {
    std::string e = errorOf(
        patched(R"({"variants": [{"name": "dark", "weight": 0.1, "override": {"environment": {"intensity": -1}}}]})"));
    CHECK_THAT(e, Catch::Contains("variant \"dark\"") && Catch::Contains("/environment/intensity"));
}

TEST_CASE("missing files are reported with the path that named them") {
    CHECK_THAT(errorOf(patched(R"({"assets": {"bolts": {"mesh": "no/such/bolt.obj"}}})")), Catch::Contains("/assets/bolts/mesh"));
}

TEST_CASE("every scenario the examples and benchmarks ship parses") {
    int count = 0;
    for (const char* folder : {"/examples/scenarios", "/bench/generate"})
        for (const auto& entry : std::filesystem::directory_iterator(std::string(SYNTHGEN_SOURCE_DIR) + folder)) {
            if (entry.path().extension() != ".json") continue;
            INFO(entry.path().string());
            Scenario sc = loadScenario(entry.path().string());
            CHECK(!sc.variants.empty());
            CHECK(!sc.categories.empty());
            ++count;
        }
    CHECK(count >= 7);  // 5 examples, 2 benchmark scenarios
}

TEST_CASE("a plain scene file is a scenario that randomizes nothing") {
    Scenario sc = loadScenario(std::string(SYNTHGEN_SOURCE_DIR) + "/examples/scenes/demo.json");
    REQUIRE(sc.baseScene);
    REQUIRE(sc.variants.size() == 1);
    CHECK(sc.variants[0].body.groups.empty());
    CHECK(sc.variants[0].body.camera.fromScene);
}

TEST_CASE("a group naming an asset pool when none is defined says to define it") {
    std::string m = errorOf(R"({"groups": [{"name": "a", "assets": "nope", "count": 1}]})");
    CHECK_THAT(m, Catch::Contains("/groups/0/assets") && Catch::Contains("nothing of that kind is defined") &&
                      Catch::Contains("under /assets"));
}

TEST_CASE("a sequence block with an unknown key is rejected with its path") {
    CHECK_THAT(errorOf(patched(R"({"sequence": {"camera_orbit": 10}})")),
               Catch::Contains("/sequence/camera_orbit") && Catch::Contains("camera_orbit_deg_per_s"));
}

TEST_CASE("scenario primitives are read by the scene format's parser: \"type\", the same checks, \"kind\" refused naming \"type\"") {
    CHECK_THAT(errorOf(patched(R"({"assets": {"cubes": {"primitive": {"kind": "box", "size": [1, 1, 1]}}}})")),
               Catch::Contains("/assets/cubes/primitive/kind") && Catch::Contains("rename \"kind\" to \"type\""));
    CHECK_THAT(errorOf(patched(R"({"assets": {"cubes": {"primitive": {"type": "torus", "radius": 0.01, "minor_radius": 0.02}}}})")),
               Catch::Contains("/assets/cubes/primitive/minor_radius") && Catch::Contains("not smaller than radius"));
    CHECK_THAT(errorOf(patched(R"({"assets": {"cubes": {"primitive": {"type": "sphere", "radius": 0.01, "segments": 2000}}}})")),
               Catch::Contains("/assets/cubes/primitive/segments"));
    CHECK_THAT(errorOf(patched(R"({"assets": {"cubes": {"primitive": {"type": "box", "size": [1, 1, 1], "radius": 1}}}})")),
               Catch::Contains("/assets/cubes/primitive/radius") && Catch::Contains("unknown key"));
    Scenario sc = parseScenario(Json::parse(patched(R"({"assets": {"cubes": {"primitive": {"type": "sphere", "radius": 0.02}}}})")),
                                "scenario.json", SYNTHGEN_BINARY_DIR);
    const PrimitiveShape& s = *sc.variants[0].body.pools[0].assets[0].primitive;
    CHECK(s.kind == PrimitiveKind::Sphere);
    CHECK(s.radius == 0.02);
    CHECK(s.segments == 64);  // the scene format's default
}

TEST_CASE("the top-level \"quality\" key names a preset; absent, none is asked for") {
    CHECK_FALSE(parseScenario(Json::parse(kMinimal), "scenario.json", SYNTHGEN_BINARY_DIR).quality.has_value());
    Scenario high = parseScenario(Json::parse(patched(R"({"quality": "high"})")), "scenario.json", SYNTHGEN_BINARY_DIR);
    REQUIRE(high.quality.has_value());
    CHECK(*high.quality == RenderQuality::High);
    CHECK(parseScenario(Json::parse(patched(R"({"quality": "draft"})")), "scenario.json", SYNTHGEN_BINARY_DIR).quality ==
          RenderQuality::Draft);
}

TEST_CASE("a bad \"quality\" is rejected naming its path and the valid presets; a variant cannot override it") {
    std::string unknown = errorOf(patched(R"({"quality": "ultra"})"));
    CHECK_THAT(unknown, Catch::Contains("scenario.json") && Catch::Contains("/quality") &&
                            Catch::Contains("unknown quality \"ultra\"") && Catch::Contains("draft, standard or high"));
    CHECK_THAT(errorOf(patched(R"({"quality": 3})")), Catch::Contains("/quality") && Catch::Contains("preset name"));
    CHECK_THAT(errorOf(patched(R"({"variants": [{"name": "v", "weight": 0.1, "override": {"quality": "high"}}]})")),
               Catch::Contains("cannot override \"quality\""));
}
