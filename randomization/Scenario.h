#pragma once
// A scenario: what a dataset's frames may contain and how each thing may vary. Parsed once, up
// front and strictly (docs/scenario-format.md); sampled per frame by sampleFrame().
#include "core/Camera.h"
#include "core/RenderQuality.h"
#include "randomization/DefectSampling.h"
#include "randomization/Distribution.h"
#include "scenes/AssetCache.h"
#include "scenes/Scene.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sg {

// Per-object material randomization. Nothing set = the asset keeps its own material.
struct MaterialRandomizer {
    enum class ColorSpace { None, Rgb, Hsv };
    ColorSpace colorSpace = ColorSpace::None;
    std::vector<NumberDistribution> color;  // 3 components (RGB in [0,1] linear; HSV: hue in degrees, s, v in [0,1])
    std::optional<NumberDistribution> roughness, metallic;
    // Texture pool: image files and/or procedural kinds, chosen with `textureProbability`.
    std::vector<std::string> textureFiles;
    std::vector<std::string> proceduralKinds;                           // "noise", "checker", "stripes", "grain"
    NumberDistribution textureScale = NumberDistribution::constant(8);  // pattern periods across the texture
    NumberDistribution textureProbability = NumberDistribution::constant(1);
    bool active() const {
        return colorSpace != ColorSpace::None || roughness || metallic || !textureFiles.empty() || !proceduralKinds.empty();
    }
};

// One loadable asset: a primitive or a mesh file.
struct AssetSource {
    std::string name;  // for the record
    std::optional<PrimitiveShape> primitive;
    std::shared_ptr<const Model> model;        // mesh files
    std::shared_ptr<const Material> material;  // primitives: the base material
    glm::dmat4 fileToModel{1.0};               // mesh files: up-axis and unit conversion
};

struct AssetPool {
    std::string name;
    int category = -1;  // index into Scenario::categories; -1 = unlabeled (distractor)
    std::vector<AssetSource> assets;
    WeightedIndex assetWeights;
};

struct PoseRandomizer {
    enum class Mode { Fixed, UniformSO3, Upright, Ranges };
    Mode mode = Mode::Upright;
    NumberDistribution roll = NumberDistribution::constant(0), pitch = NumberDistribution::constant(0),
                       yaw = NumberDistribution::constant(0);  // degrees
};

struct Placement {
    enum class Mode { Volume, Surface, Grid, Scatter, Bin };
    Mode mode = Mode::Surface;
    glm::dvec3 min{-0.3, -0.3, 0.0}, max{0.3, 0.3, 0.3};          // volume; surface/scatter/bin use x, y and min.z
    int rows = 3, cols = 3;                                       // grid
    glm::dvec2 spacing{0.1, 0.1};                                 // grid
    NumberDistribution jitter = NumberDistribution::constant(0);  // grid: metres
    double minGap = 0.005;                                        // scatter: gap between bounding circles
    bool drop = false;                                            // settle with physics after placement
    double dropHeight = 0.15;                                     // drop: extra height above the surface
    // bin: a static open box (unlabeled) around the placement area
    glm::dvec3 binSize{0.4, 0.3, 0.15};
    double binWall = 0.01;
};

struct ObjectGroup {
    std::string name;
    std::vector<size_t> pools;  // indices into Scenario::pools
    WeightedIndex poolWeights;
    NumberDistribution count = NumberDistribution::constant(1);
    std::optional<double> frequency;  // present in exactly this fraction of frames
    bool distractor = false;          // unlabeled even if the pool has a category
    Placement placement;
    PoseRandomizer pose;
    NumberDistribution scale = NumberDistribution::constant(1);
    MaterialRandomizer material;
    DefectRandomizer defects;  // surface defects on the group's parts (DefectSampling.h)
};

struct LightRandomizer {
    std::string name;
    NumberDistribution count = NumberDistribution::constant(1);
    std::vector<std::string> types{"point"};
    WeightedIndex typeWeights{{1.0}};
    NumberDistribution intensity = NumberDistribution::constant(20);
    NumberDistribution temperature = NumberDistribution::constant(6500);  // kelvin
    // Position on a sphere shell around `target`: distance, elevation, azimuth (degrees).
    std::vector<NumberDistribution> target{NumberDistribution::constant(0), NumberDistribution::constant(0),
                                           NumberDistribution::constant(0)};
    NumberDistribution distance = NumberDistribution::constant(2);
    NumberDistribution elevation = NumberDistribution::constant(60);
    NumberDistribution azimuth{NumberDistribution::Kind::Uniform, 0, 360};
    NumberDistribution coneAngle = NumberDistribution::constant(30);  // spot: outer half-angle in degrees
    bool castShadows = true;
};

struct EnvironmentRandomizer {
    // Pools: flat colors (linear RGB distributions), environment images, background photos.
    bool hasColor = true;
    std::vector<NumberDistribution> color{NumberDistribution::constant(0.2), NumberDistribution::constant(0.2),
                                          NumberDistribution::constant(0.2)};
    std::vector<std::string> images;       // HDR/LDR equirectangular maps
    std::vector<std::string> backgrounds;  // photos drawn behind everything
    NumberDistribution backgroundProbability = NumberDistribution::constant(1);
    NumberDistribution intensity = NumberDistribution::constant(1);
    NumberDistribution rotation = NumberDistribution::constant(0);  // degrees
    NumberDistribution exposure = NumberDistribution::constant(1);
};

struct CameraRandomizer {
    bool fromScene = false;  // keep the base scene's camera (a plain scene file)
    // Intrinsics: vertical field of view (degrees) or explicit fx, fy, cx, cy at `resolution`.
    bool explicitK = false;
    NumberDistribution fov = NumberDistribution::constant(50);
    NumberDistribution fx = NumberDistribution::constant(600), fy = NumberDistribution::constant(600),
                       cx = NumberDistribution::constant(319.5), cy = NumberDistribution::constant(239.5);
    int kWidth = 640, kHeight = 480;  // resolution the explicit K was written for
    NumberDistribution k1 = NumberDistribution::constant(0), k2 = NumberDistribution::constant(0),
                       p1 = NumberDistribution::constant(0), p2 = NumberDistribution::constant(0),
                       k3 = NumberDistribution::constant(0);
    // Pose: fixed (position + target) or on a shell around the target.
    bool fixedPose = false;
    glm::dvec3 position{0, -1, 1};
    std::vector<NumberDistribution> target{NumberDistribution::constant(0), NumberDistribution::constant(0),
                                           NumberDistribution::constant(0)};
    NumberDistribution distance = NumberDistribution::constant(1.2);
    NumberDistribution elevation = NumberDistribution::constant(45);  // degrees above the target's horizon
    NumberDistribution azimuth{NumberDistribution::Kind::Uniform, 0, 360};
    NumberDistribution roll = NumberDistribution::constant(0);
    // Area-uniform directions over the upper half (or whole) sphere instead of an elevation range.
    enum class Shell { None, Hemisphere, Sphere };
    Shell shell = Shell::None;
    double znear = 0.05, zfar = 100;
};

struct SensorRandomizer {
    NumberDistribution gaussianNoise = NumberDistribution::constant(0);     // std in 8-bit levels
    NumberDistribution poissonNoise = NumberDistribution::constant(0);      // photons per level^-1 scale; 0 = off
    NumberDistribution motionBlurLength = NumberDistribution::constant(0);  // pixels
    NumberDistribution motionBlurAngle{NumberDistribution::Kind::Uniform, 0, 180};
    NumberDistribution defocusRadius = NumberDistribution::constant(0);    // pixels
    NumberDistribution exposure = NumberDistribution::constant(0);         // stops
    NumberDistribution whiteBalance = NumberDistribution::constant(6500);  // kelvin of the assumed illuminant
    NumberDistribution brightness = NumberDistribution::constant(0), contrast = NumberDistribution::constant(1),
                       saturation = NumberDistribution::constant(1), hue = NumberDistribution::constant(0);
    NumberDistribution vignetting = NumberDistribution::constant(0);  // darkening at the corners, 0..1
};

// How the camera moves during a sequence (`generate --sequence-length`): at time t after the
// sequence's first frame, the first frame's camera is turned by orbitRadPerSecond * t about the
// vertical axis through orbitCenter, then moved by velocity * t (world frame).
struct CameraMotion {
    glm::dvec3 velocity{0.0};  // m/s
    double orbitRadPerSecond = 0;
    glm::dvec3 orbitCenter{0.0};
    bool isStill() const { return orbitRadPerSecond == 0 && velocity == glm::dvec3(0.0); }
};

// Everything a frame may be made of; one per variant.
struct ScenarioBody {
    std::vector<AssetPool> pools;
    std::vector<ObjectGroup> groups;
    std::vector<LightRandomizer> lights;
    bool keepSceneLights = false;
    EnvironmentRandomizer environment;
    bool keepSceneEnvironment = false;
    CameraRandomizer camera;
    SensorRandomizer sensor;
    double settleTime = 2.0;    // physics: seconds of simulated time at most
    CameraMotion cameraMotion;  // sequences only
};

struct ScenarioVariant {
    std::string name;  // "base" for the scenario without overrides
    double weight = 1;
    ScenarioBody body;
};

struct Scenario {
    std::string file;  // for messages ("<built-in demo>" for the demo)
    std::string hash;  // hex hash of the canonical scenario text (shards must agree)
    Json canonical;    // the scenario as parsed (for the manifest)
    int width = 640, height = 480;
    std::vector<Category> categories;        // every category any variant can produce, ids 1..N
    std::shared_ptr<AssetCache> cache;       // meshes, textures and images, shared by all frames
    std::shared_ptr<const Scene> baseScene;  // static content: a scene file, or empty
    std::vector<ScenarioVariant> variants;   // [0] = base
    int64_t frameCount = 1;                  // dataset size the exact frequencies are computed for
    std::optional<RenderQuality> quality;    // "quality": the preset it asks for (--quality wins)
};

// Parses a scenario file; a plain scene file (.gltf/.glb/other mesh formats, or a JSON scene
// without scenario keys) becomes a scenario that randomizes nothing.
// width/height > 0 override the scenario's resolution.
Scenario loadScenario(const std::filesystem::path& file, int width = 0, int height = 0);
// Parses scenario JSON; relative paths resolve against `baseDir`.
Scenario parseScenario(const Json& json, const std::string& fileForMessages, const std::filesystem::path& baseDir, int width = 0,
                       int height = 0);
// True when a JSON document is a scenario (has "groups", "assets" or "variants") rather than a scene.
bool isScenarioJson(const Json& json);
// The scenario `synthgen generate` uses without a file: needs no external files.
const char* builtinDemoScenarioJson();

}  // namespace sg
