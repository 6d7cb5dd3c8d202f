#include "randomization/SampleFrame.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace sg;

namespace {

const char* kScenario = R"({
  "assets": {
    "cubes": {"category": "cube", "primitive": "box"},
    "balls": {"category": "ball", "primitive": "sphere"},
    "junk": {"primitive": ["torus", "cone"]}
  },
  "groups": [
    {"name": "parts", "assets": {"cubes": 3, "balls": 1}, "count": {"uniform": [2, 5]},
     "scale": {"uniform": [0.5, 2]}, "pose": "uniform",
     "placement": {"mode": "volume", "min": [-1, -1, 0], "max": [1, 1, 1]},
     "material": {"hsv": [{"uniform": [0, 360]}, 1, 1], "roughness": {"normal": {"mean": 0.5, "std": 0.2, "min": 0.1, "max": 0.9}}}},
    {"name": "junk", "assets": "junk", "count": 1, "frequency": 0.25, "distractor": true,
     "placement": {"mode": "scatter", "min": [-1, -1, 0], "max": [1, 1, 0]}}
  ],
  "lights": [{"name": "key", "count": {"uniform": [1, 2]}, "intensity": {"log_uniform": [1, 100]}, "temperature": {"uniform": [3000, 9000]}}],
  "camera": {"fov": {"choice": [40, 60]}, "look_at": {"distance": {"uniform": [2, 3]}, "elevation": {"uniform": [20, 70]}}},
  "variants": [{"name": "backlight", "weight": 0.02, "override": {"lights": [{"name": "back", "intensity": 500}]}}]
})";

Scenario load(const Json& j, int64_t frames) {
    Scenario sc = parseScenario(j, "s.json", SYNTHGEN_BINARY_DIR, 64, 48);
    sc.frameCount = frames;
    return sc;
}

Json recordOf(const Scenario& sc, uint64_t seed, int64_t frame) {
    FrameRecord r;
    sampleFrame(sc, seed, frame, r);
    return r.values;
}

}  // namespace

TEST_CASE("the same (seed, frame) gives the same scene and record, another seed does not") {
    Scenario sc = load(Json::parse(kScenario), 100);
    CHECK(recordOf(sc, 3, 17) == recordOf(sc, 3, 17));
    CHECK(recordOf(sc, 3, 17) != recordOf(sc, 4, 17));
    FrameRecord a, b;
    Scene sa = sampleFrame(sc, 3, 17, a), sb = sampleFrame(sc, 3, 17, b);
    REQUIRE(sa.objects.size() == sb.objects.size());
    for (size_t i = 0; i < sa.objects.size(); ++i) CHECK(sa.objects[i].modelToWorld == sb.objects[i].modelToWorld);
}

TEST_CASE("a frame does not depend on which frames were sampled before it") {
    Scenario sc = load(Json::parse(kScenario), 100);
    Json alone = recordOf(sc, 1, 42);
    for (int f = 0; f < 42; ++f) recordOf(sc, 1, f);
    CHECK(recordOf(sc, 1, 42) == alone);
}

TEST_CASE("reordering the scenario file keeps every parameter's value") {
    Json a = Json::parse(kScenario);
    Json b = a;
    std::swap(b["groups"][0], b["groups"][1]);  // group order reversed
    Scenario sa = load(a, 100), sb = load(b, 100);
    for (int f = 0; f < 20; ++f) {
        Json ra = recordOf(sa, 5, f), rb = recordOf(sb, 5, f);
        // Instance ids follow file order; everything else is keyed by names.
        std::map<std::string, Json> oa, ob;
        for (auto o : ra["objects"]) {
            o.erase("instance_id");
            oa[o["group"].get<std::string>() + o.dump()] = o;
        }
        for (auto o : rb["objects"]) {
            o.erase("instance_id");
            ob[o["group"].get<std::string>() + o.dump()] = o;
        }
        CHECK(oa == ob);
        CHECK(ra["camera"] == rb["camera"]);
        CHECK(ra["lights"] == rb["lights"]);
        CHECK(ra["groups"] == rb["groups"]);
    }
}

TEST_CASE("adding a group changes nothing that other groups, lights or the camera drew") {
    Json a = Json::parse(kScenario);
    Json b = a;
    b["groups"].push_back(Json::parse(R"({"name": "extra", "assets": "balls", "count": 3})"));
    Scenario sa = load(a, 100), sb = load(b, 100);
    for (int f = 0; f < 10; ++f) {
        Json ra = recordOf(sa, 9, f), rb = recordOf(sb, 9, f);
        CHECK(ra["camera"] == rb["camera"]);
        CHECK(ra["lights"] == rb["lights"]);
        CHECK(ra["groups"]["parts"] == rb["groups"]["parts"]);
    }
}

TEST_CASE("sampled values over many frames stay in their ranges and match their distributions") {
    Scenario sc = load(Json::parse(kScenario), 400);
    std::map<int, int> counts;
    std::map<double, int> fovs;
    double distanceSum = 0;
    int frames = 400, objects = 0;
    for (int f = 0; f < frames; ++f) {
        FrameRecord r;
        Scene s = sampleFrame(sc, 11, f, r);
        int n = r.values["groups"]["parts"]["count"];
        counts[n]++;
        for (const auto& o : r.values["objects"]) {
            if (o["group"] != "parts") continue;
            ++objects;
            double scale = o["scale"];
            REQUIRE(scale >= 0.5);
            REQUIRE(scale <= 2);
            double rough = o["material"]["roughness"];
            REQUIRE(rough >= 0.1);
            REQUIRE(rough <= 0.9);
            for (int i = 0; i < 3; ++i) {
                double p = o["position"][i];
                REQUIRE(p >= (i == 2 ? 0 : -1));
                REQUIRE(p <= 1);
            }
        }
        double d = r.values["camera"]["distance"];
        REQUIRE(d >= 2);
        REQUIRE(d <= 3);
        distanceSum += d;
        double el = r.values["camera"]["elevation_deg"];
        REQUIRE(el >= 20 - 1e-9);
        REQUIRE(el <= 70 + 1e-9);
        fovs[r.values["camera"]["fov_deg"].get<double>()]++;
        // The camera really sits at the sampled distance from its target.
        glm::dvec3 eye = s.camera.position();
        CHECK(glm::length(eye) == Approx(d).epsilon(1e-9));
        for (const auto& l : r.values["lights"]) {
            if (r.variant != "base") continue;  // the backlight variant has its own light
            double i = l["intensity"];
            REQUIRE(i >= 1 - 1e-6);
            REQUIRE(i <= 100 + 1e-4);
        }
    }
    REQUIRE(counts.size() == 4);  // 2..5
    for (auto [n, c] : counts) {
        CHECK(n >= 2);
        CHECK(n <= 5);
        CHECK(c == Approx(frames / 4.0).margin(frames * 0.08));
    }
    CHECK(distanceSum / frames == Approx(2.5).margin(0.05));
    CHECK(fovs.size() == 2);
    CHECK(fovs[40] == Approx(frames / 2.0).margin(frames * 0.1));
    CHECK(objects > 0);
}

TEST_CASE("variants and group frequencies are honored exactly over the dataset") {
    for (int64_t n : {50, 300}) {
        Scenario sc = load(Json::parse(kScenario), n);
        int backlit = 0, junk = 0;
        for (int64_t f = 0; f < n; ++f) {
            FrameRecord r;
            Scene s = sampleFrame(sc, 21, f, r);
            if (r.variant == "backlight") {
                ++backlit;
                REQUIRE(s.lights.size() == 1);
                CHECK(s.lights[0].intensity == 500);
            }
            junk += r.values["groups"]["junk"]["present"].get<bool>();
        }
        CHECK(backlit == int(std::lround(0.02 * n)));
        CHECK(junk == int(std::lround(0.25 * n)));
    }
}

TEST_CASE("distractors are unlabeled and labeled objects carry their pool's category") {
    Scenario sc = load(Json::parse(kScenario), 10);
    for (int f = 0; f < 10; ++f) {
        FrameRecord r;
        Scene s = sampleFrame(sc, 2, f, r);
        for (size_t i = 0; i < s.objects.size(); ++i) {
            const Json& o = r.values["objects"][i];
            CHECK(o["instance_id"] == i + 1);
            if (o["group"] == "junk") CHECK(s.objects[i].category == -1);
            else CHECK(s.categories[size_t(s.objects[i].category)].name == (o["pool"] == "cubes" ? "cube" : "ball"));
        }
    }
}

TEST_CASE("scatter placement leaves no two footprints overlapping and rests objects on the surface") {
    Json j = Json::parse(R"({
      "assets": {"cubes": {"category": "cube", "primitive": {"type": "box", "size": [0.1, 0.1, 0.1]}}},
      "groups": [{"name": "p", "assets": "cubes", "count": 12, "pose": "upright",
                  "placement": {"mode": "scatter", "min": [-0.5, -0.5, 0.2], "max": [0.5, 0.5, 0.2], "min_gap": 0.01}}]
    })");
    Scenario sc = load(j, 5);
    for (int f = 0; f < 5; ++f) {
        FrameRecord r;
        Scene s = sampleFrame(sc, 1, f, r);
        for (size_t a = 0; a < s.objects.size(); ++a) {
            glm::dvec3 pa(s.objects[a].modelToWorld[3]);
            CHECK(pa.z == Approx(0.25));  // half the cube's height above the surface
            for (size_t b = a + 1; b < s.objects.size(); ++b) {
                glm::dvec3 pb(s.objects[b].modelToWorld[3]);
                // Footprint radius of a yawed 10 cm cube is its half diagonal.
                CHECK(glm::length(glm::dvec2(pa - pb)) >= 2 * std::sqrt(0.005) + 0.01 - 1e-9);
            }
        }
    }
}

TEST_CASE("HSV colors convert through display space to linear RGB") {
    glm::dvec3 red = hsvToLinearRgb(0, 1, 1), gray = hsvToLinearRgb(123, 0, 0.5);
    CHECK(red.x == Approx(1));
    CHECK(red.y == Approx(0));
    CHECK(gray.x == Approx(0.214).margin(0.001));  // sRGB 0.5 -> linear 0.214
    CHECK(gray.y == gray.x);
}

TEST_CASE("a scenario can add randomized objects to a static scene file") {
    Json j = Json::parse(R"({
      "assets": {"cubes": {"category": "cube", "primitive": "box"}},
      "groups": [{"name": "extra", "assets": "cubes", "count": 3,
                  "placement": {"mode": "volume", "min": [-0.1, -0.1, 0.2], "max": [0.1, 0.1, 0.3]}}]
    })");
    j["scene"] = std::string(SYNTHGEN_SOURCE_DIR) + "/examples/scenes/demo.json";
    Scenario sc = parseScenario(j, "s.json", SYNTHGEN_BINARY_DIR, 64, 48);
    REQUIRE(sc.baseScene);
    const size_t base = sc.baseScene->objects.size();
    FrameRecord r;
    Scene s = sampleFrame(sc, 1, 0, r);
    REQUIRE(s.objects.size() == base + 3);
    // The scene's categories keep their ids; the scenario's new one comes after them.
    CHECK(s.categories.size() == sc.baseScene->categories.size() + 1);
    CHECK(s.categories.back().name == "cube");
    CHECK(s.categories.back().id == int(s.categories.size()));
    CHECK(s.objects[base].category == int(s.categories.size()) - 1);
    CHECK(r.values["objects"][0]["instance_id"] == base + 1);
    // No "camera" key: the scene's own camera, at the requested resolution.
    CHECK(s.camera.worldToCamera == sc.baseScene->camera.worldToCamera);
    CHECK(s.camera.intrinsics.width == 64);
}

TEST_CASE("a light randomizer's cast_shadows reaches every light it makes (default: shadows)") {
    Json j = Json::parse(kScenario);
    j["lights"] = Json::parse(R"([{"name": "key", "count": 2}, {"name": "fill", "count": 3, "cast_shadows": false}])");
    Scenario sc = load(j, 1);
    FrameRecord r;
    Scene s = sampleFrame(sc, 1, 0, r);
    REQUIRE(s.lights.size() == 5);
    for (size_t i = 0; i < 5; ++i) CHECK(s.lights[i].castsShadows == (i < 2));
}
