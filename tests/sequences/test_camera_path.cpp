// A camera on a path during a sequence: the scenario's "sequence" block orbits the camera about a
// vertical axis and moves it; the rendered frames' camera poses (BOP scene_camera.json) follow it.
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

const char* kScenario = R"({
  "resolution": [160, 120],
  "categories": ["cube"],
  "assets": {"cube": {"category": "cube", "primitive": {"type": "box", "size": [0.1, 0.1, 0.1]}}},
  "groups": [{"name": "parts", "assets": "cube", "count": 1, "pose": "fixed",
              "placement": {"mode": "volume", "min": [0, 0, 0.05], "max": [0, 0, 0.05]}}],
  "lights": [{"name": "key", "intensity": 15, "distance": 1.5, "elevation": 60}],
  "camera": {"fov": 60, "look_at": {"target": [0, 0, 0], "distance": 1.0, "elevation": 30, "azimuth": 0}},
  "sequence": {"camera_orbit_deg_per_s": 30, "camera_orbit_center": [0, 0, 0], "camera_velocity": [0, 0, 0.1]}
})";

// Camera center in world metres from BOP's world-to-camera R (row-major) and t (millimetres).
std::array<double, 3> cameraCenter(const nlohmann::json& cam) {
    const auto& R = cam["cam_R_w2c"];
    const auto& t = cam["cam_t_w2c"];
    std::array<double, 3> c{};
    for (int i = 0; i < 3; ++i)  // c = -R^T t
        c[size_t(i)] = -(R[0 * 3 + i].get<double>() * t[0].get<double>() + R[1 * 3 + i].get<double>() * t[1].get<double>() +
                         R[2 * 3 + i].get<double>() * t[2].get<double>()) /
                       1000.0;
    return c;
}

}  // namespace

TEST_CASE("a camera path turns and moves the camera of each sequence frame as the scenario says") {
    fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "sequences" / "camera-path";
    fs::remove_all(dir);
    fs::create_directories(dir);
    { std::ofstream(dir / "scenario.json") << kScenario; }
    const double interval = 0.1;
    auto r = runCommand(synthgenBinary() + " generate " + (dir / "scenario.json").string() +
                        " --frames 4 --sequence-length 4 --frame-interval 0.1 --quiet --formats bop --out " + (dir / "out").string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);

    fs::path sceneCamera;
    for (const auto& e : fs::recursive_directory_iterator(dir / "out" / "bop"))
        if (e.path().filename() == "scene_camera.json") sceneCamera = e.path();
    REQUIRE(!sceneCamera.empty());
    std::ifstream in(sceneCamera);
    auto cams = nlohmann::json::parse(in);
    REQUIRE(cams.size() == 4);
    auto c0 = cameraCenter(cams.begin().value());
    double r0 = std::hypot(c0[0], c0[1]), a0 = std::atan2(c0[1], c0[0]);
    int k = 0;
    for (auto it = cams.begin(); it != cams.end(); ++it, ++k) {
        auto c = cameraCenter(it.value());
        double t = k * interval;
        INFO("frame " << k);
        // Orbit: same distance from the vertical axis, azimuth advanced by 30 deg/s * t.
        CHECK(std::hypot(c[0], c[1]) == Approx(r0).margin(1e-4));
        double da = std::remainder(std::atan2(c[1], c[0]) - a0, 2 * M_PI);
        CHECK(da == Approx(30.0 * M_PI / 180.0 * t).margin(1e-4));
        // Translation: up by 0.1 m/s * t.
        CHECK(c[2] - c0[2] == Approx(0.1 * t).margin(1e-4));
    }
}
