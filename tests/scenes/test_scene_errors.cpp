// Bad input: every case gives one sg::InputError naming the file, the JSON path and a fix.
#include "TestUtil.h"

#include "core/AtomicFile.h"
#include "scenes/SceneJson.h"

using namespace sg;
using Catch::Matchers::Contains;

namespace {

Json baseScene() {
    return Json::parse(R"({
      "camera": {"fov_deg": 50, "look_at": {"eye": [1, -1, 1], "target": [0, 0, 0]}},
      "categories": [{"name": "part/bolt", "keypoints": ["head", "tip"]}, "part/nut"],
      "materials": {"steel": {"metallic": 1}},
      "objects": [{"name": "box", "primitive": {"type": "box", "size": [0.1, 0.1, 0.1]}}]
    })");
}

// Writes the scene as errors.json into its own folder and loads it from there, so relative
// asset paths resolve against that folder; returns the error message.
std::string errorOfText(const std::string& text, const std::function<void(const std::filesystem::path&)>& prepare = {}) {
    auto dir = sgtest::tempDir("errors");
    if (prepare) prepare(dir);
    writeFileAtomic(dir / "errors.json", text);
    return sgtest::inputErrorOf([&] { loadScene(dir / "errors.json"); });
}

std::string errorOf(const Json& j, const std::function<void(const std::filesystem::path&)>& prepare = {}) {
    return errorOfText(j.dump(2), prepare);
}

// The message names the file, the JSON path and a fix.
void checkMessage(const std::string& msg, const std::string& jsonPath, const std::string& problem) {
    INFO(msg);
    CHECK_THAT(msg, Contains("errors.json"));
    if (!jsonPath.empty()) CHECK_THAT(msg, Contains(jsonPath + ": "));
    CHECK_THAT(msg, Contains(problem));
    CHECK_THAT(msg, Contains("Fix: "));
}

Json withObject(const std::string& objectJson) {
    Json j = baseScene();
    j["objects"].push_back(Json::parse(objectJson));
    return j;
}

}  // namespace

TEST_CASE("malformed JSON names the line and column") {
    std::string msg = errorOfText("{\n  \"camera\": {\n    \"fov_deg\": 50,\n  }\n}");
    checkMessage(msg, "", "malformed JSON at line 4");
}

TEST_CASE("NaN is not JSON and is reported as malformed") {
    std::string msg = errorOfText(R"({"camera": {"fov_deg": NaN}})");
    checkMessage(msg, "", "malformed JSON at line 1");
}

TEST_CASE("a number too large for a double (infinite) is rejected") {
    std::string text = baseScene().dump();
    text.replace(text.find("\"size\":[0.1,0.1,0.1]"), 20, "\"size\":[0.1,1e999,0.1]");
    std::string msg = errorOfText(text);
    checkMessage(msg, "", "out of range");
    CHECK_THAT(msg, Contains("1e999"));
}

TEST_CASE("a misspelled key is rejected with the closest known key") {
    std::string msg = errorOf(withObject(R"({"name": "b", "positon": [0, 0, 0], "primitive": {"type": "sphere", "radius": 1}})"));
    checkMessage(msg, "/objects/1/positon", "unknown key \"positon\"");
    CHECK_THAT(msg, Contains("did you mean \"position\""));
}

TEST_CASE("a misspelled top-level key is reported before anything is missing") {
    Json j = baseScene();
    j["objetcs"] = j["objects"];
    j.erase("objects");
    std::string msg = errorOf(j);
    checkMessage(msg, "/objetcs", "unknown key");
    CHECK_THAT(msg, Contains("did you mean \"objects\""));
}

TEST_CASE("a key that belongs to another primitive type is unknown") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "box", "size": [1, 1, 1], "radius": 1}})")),
                 "/objects/1/primitive/radius", "unknown key");
}

TEST_CASE("a value of the wrong type names the expected type") {
    checkMessage(errorOf(withObject(R"({"name": "b", "position": "1, 2, 3", "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1/position", "expected an array of 3 numbers");
    checkMessage(errorOf(withObject(R"({"name": "b", "cast_shadows": "yes", "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1/cast_shadows", "expected true or false");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": "1"}})")),
                 "/objects/1/primitive/radius", "a number in quotes");
}

TEST_CASE("negative and zero sizes are rejected") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "box", "size": [0.1, -0.1, 0.1]}})")),
                 "/objects/1/primitive/size/1", "not positive");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 0}})")), "/objects/1/primitive/radius",
                 "too small");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "cylinder", "radius": 1, "height": -2}})")),
                 "/objects/1/primitive/height", "too small");
    checkMessage(errorOf(withObject(R"({"name": "b", "scale": -1, "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1/scale", "too small");
    checkMessage(errorOf(withObject(R"({"name": "b", "scale": [1, 0, 1], "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1/scale/1", "too small");
}

TEST_CASE("a torus whose tube is wider than its ring is rejected") {
    checkMessage(errorOf(withObject(R"({"name": "t", "primitive": {"type": "torus", "radius": 0.1, "minor_radius": 0.2}})")),
                 "/objects/1/primitive/minor_radius", "not smaller than radius");
}

TEST_CASE("a primitive named by \"kind\" (the old scenario spelling) is refused, naming \"type\"") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"kind": "sphere", "radius": 1}})")), "/objects/1/primitive/kind",
                 "rename \"kind\" to \"type\"");
}

TEST_CASE("an unknown primitive type lists the allowed ones") {
    std::string msg = errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphear", "radius": 1}})"));
    checkMessage(msg, "/objects/1/primitive/type", "unknown value \"sphear\"");
    CHECK_THAT(msg, Contains("did you mean \"sphere\""));
}

TEST_CASE("an object needs exactly one of mesh and primitive") {
    checkMessage(errorOf(withObject(R"({"name": "b"})")), "/objects/1", "no geometry");
    checkMessage(errorOf(withObject(R"({"name": "b", "mesh": "a.obj", "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1/primitive", "both \"mesh\" and \"primitive\"");
}

TEST_CASE("camera resolution must be positive and not absurd") {
    Json j = baseScene();
    j["camera"]["width"] = 0;
    checkMessage(errorOf(j), "/camera/width", "too small");
    j["camera"]["width"] = 20000;
    checkMessage(errorOf(j), "/camera/width", "too large");
    j["camera"]["width"] = 640.5;
    checkMessage(errorOf(j), "/camera/width", "whole number");
    j = baseScene();
    j["camera"]["height"] = -480;
    checkMessage(errorOf(j), "/camera/height", "too small");
}

TEST_CASE("camera near must be closer than far") {
    Json j = baseScene();
    j["camera"]["near"] = 5;
    j["camera"]["far"] = 5;
    checkMessage(errorOf(j), "/camera/far", "not greater than near");
    j["camera"]["near"] = -1;
    checkMessage(errorOf(j), "/camera/near", "too small");
}

TEST_CASE("camera focal lengths must be positive") {
    Json j = baseScene();
    j["camera"].erase("fov_deg");
    j["camera"]["fx"] = 0;
    checkMessage(errorOf(j), "/camera/fx", "too small");
    j["camera"]["fx"] = 500;
    j["camera"]["fy"] = -500;
    checkMessage(errorOf(j), "/camera/fy", "too small");
}

TEST_CASE("camera intrinsics given twice, or a field of view of 180 degrees, are rejected") {
    Json j = baseScene();
    j["camera"]["fx"] = 500;
    checkMessage(errorOf(j), "/camera/fov_deg", "both \"fov_deg\" and pixel intrinsics");
    j = baseScene();
    j["camera"]["fov_deg"] = 180;
    checkMessage(errorOf(j), "/camera/fov_deg", "too large");
}

TEST_CASE("a camera without a pose, or with a pose that is not rigid, is rejected") {
    Json j = baseScene();
    j["camera"].erase("look_at");
    checkMessage(errorOf(j), "/camera", "no pose");
    j["camera"]["camera_to_world"] = {2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    checkMessage(errorOf(j), "/camera/camera_to_world", "not a rigid transform");
    j["camera"]["camera_to_world"] = {1, 0, 0};
    checkMessage(errorOf(j), "/camera/camera_to_world", "expected a 4x4 matrix");
    j = baseScene();
    j["camera"]["look_at"]["target"] = {1, -1, 1};
    checkMessage(errorOf(j), "/camera/look_at/target", "target equals eye");
    j = baseScene();
    j.erase("camera");
    checkMessage(errorOf(j), "/camera", "missing required key");
}

TEST_CASE("an empty scene is rejected with a clear message") {
    Json j = baseScene();
    j["objects"] = Json::array();
    checkMessage(errorOf(j), "/objects", "no objects");
    j.erase("objects");
    checkMessage(errorOf(j), "/objects", "missing required key \"objects\"");
}

TEST_CASE("a missing mesh file names the path it looked for") {
    std::string msg = errorOf(withObject(R"({"name": "bolt", "mesh": "meshes/bolt.obj"})"));
    checkMessage(msg, "/objects/1/mesh", "file \"meshes/bolt.obj\" not found");
    CHECK_THAT(msg, Contains("relative paths are resolved against the folder of errors.json"));
}

TEST_CASE("a mesh file without triangles is rejected") {
    std::string msg = errorOf(withObject(R"({"name": "cloud", "mesh": "cloud.obj"})"), [](const std::filesystem::path& d) {
        sgtest::writeFile(d / "cloud.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\np 1 2 3\n");
    });
    checkMessage(msg, "/objects/1/mesh", "no triangles");
}

TEST_CASE("a corrupt mesh file is rejected") {
    std::string msg = errorOf(withObject(R"({"name": "junk", "mesh": "junk.glb"})"), [](const std::filesystem::path& d) {
        sgtest::writeFile(d / "junk.glb", std::string("glTF\x02\x00\x00\x00garbage that is not a real binary glTF", 46));
    });
    checkMessage(msg, "/objects/1/mesh", "cannot read mesh file");
}

TEST_CASE("an unreadable texture is rejected with the texture key's path") {
    auto corrupt = [](const std::filesystem::path& d) { sgtest::writeFile(d / "rust.png", "\x89PNG\r\n\x1a\n but then garbage"); };
    std::string msg = errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "material": {"base_color_texture": "rust.png"}})"),
                              corrupt);
    checkMessage(msg, "/objects/1/material/base_color_texture", "unreadable or corrupt texture");
    Json j = baseScene();
    j["materials"]["rusty"] = {{"normal_texture", "rust.png"}};
    checkMessage(errorOf(j, corrupt), "/materials/rusty/normal_texture", "unreadable or corrupt texture");
}

TEST_CASE("a missing texture file is rejected") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "material": {"emissive_texture": "glow.png"}})")),
                 "/objects/1/material/emissive_texture", "not found");
}

TEST_CASE("unreadable environment and background images are rejected") {
    auto corrupt = [](const std::filesystem::path& d) { sgtest::writeFile(d / "sky.hdr", "#?RADIANCE\nnonsense"); };
    Json j = baseScene();
    j["environment"] = {{"image", "sky.hdr"}};
    checkMessage(errorOf(j, corrupt), "/environment/image", "unreadable or corrupt environment image");
    j["environment"] = {{"background", "photo.jpg"}};
    checkMessage(errorOf(j), "/environment/background", "not found");
}

TEST_CASE("an unknown category suggests the closest one") {
    std::string msg = errorOf(withObject(R"({"name": "n", "category": "part/nutt", "primitive": {"type": "sphere", "radius": 1}})"));
    checkMessage(msg, "/objects/1/category", "unknown category \"part/nutt\"");
    CHECK_THAT(msg, Contains("did you mean \"part/nut\""));
}

TEST_CASE("keypoints must match the category's keypoint names") {
    std::string wrongName = errorOf(withObject(R"({"name": "b", "category": "part/bolt", "primitive": {"type": "sphere", "radius": 1},
        "keypoints": {"head": [0, 0, 1], "tip": [0, 0, -1], "tpi": [0, 0, 0]}})"));
    checkMessage(wrongName, "/objects/1/keypoints/tpi", "unknown key");
    CHECK_THAT(wrongName, Contains("did you mean \"tip\""));
    checkMessage(errorOf(withObject(R"({"name": "b", "category": "part/bolt", "primitive": {"type": "sphere", "radius": 1},
        "keypoints": {"head": [0, 0, 1]}})")),
                 "/objects/1/keypoints", "keypoint \"tip\" of category \"part/bolt\" is missing");
    checkMessage(errorOf(withObject(R"({"name": "b", "category": "part/bolt", "primitive": {"type": "sphere", "radius": 1}})")),
                 "/objects/1", "has no \"keypoints\"");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "keypoints": {"a": [0, 0, 0]}})")),
                 "/objects/1/keypoints", "without a category");
    checkMessage(errorOf(withObject(R"({"name": "b", "category": "part/bolt", "primitive": {"type": "sphere", "radius": 1},
        "keypoints": {"head": [0, 0, 1], "tip": [0, 0]}})")),
                 "/objects/1/keypoints/tip", "expected an array of 3 numbers");
}

TEST_CASE("bad category lists are rejected") {
    Json j = baseScene();
    j["categories"] = {"part/bolt", "part/bolt"};
    checkMessage(errorOf(j), "/categories/1", "listed twice");
    j["categories"] = {"part//bolt"};
    checkMessage(errorOf(j), "/categories/0", "invalid category name");
    j["categories"] = Json::parse(R"([{"name": "a", "keypoints": ["x", "y"], "skeleton": [["x", "z"]]}])");
    checkMessage(errorOf(j), "/categories/0/skeleton/0/1", "unknown keypoint \"z\"");
    j["categories"] = Json::parse(R"([{"name": "a", "keypoints": ["x", "x"]}])");
    checkMessage(errorOf(j), "/categories/0/keypoints/1", "listed twice");
}

TEST_CASE("an unknown material name suggests the closest one") {
    std::string msg = errorOf(withObject(R"({"name": "b", "material": "steal", "primitive": {"type": "sphere", "radius": 1}})"));
    checkMessage(msg, "/objects/1/material", "unknown material \"steal\"");
    CHECK_THAT(msg, Contains("did you mean \"steel\""));
}

TEST_CASE("material values out of range are rejected") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "material": {"roughness": 1.5}})")),
                 "/objects/1/material/roughness", "too large");
    checkMessage(
        errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "material": {"base_color": [1, 0]}})")),
        "/objects/1/material/base_color", "expected a color");
    checkMessage(errorOf(withObject(
                     R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "material": {"base_color": [1, 0, -0.1]}})")),
                 "/objects/1/material/base_color/2", "too small");
}

TEST_CASE("transforms that conflict, mirror or are not affine are rejected") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "rotation": [1, 0, 0, 0], "euler_deg": [0, 0, 0]})")),
                 "/objects/1/euler_deg", "both");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "matrix": [-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]})")),
                 "/objects/1/matrix", "mirrors");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "matrix": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1]})")),
                 "/objects/1/matrix", "last row");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1},
        "matrix": [1, 0, 0, 0], "position": [0, 0, 0]})")),
                 "/objects/1/matrix", "both");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "rotation": [0, 0, 0, 0]})")),
                 "/objects/1/rotation", "zero length");
}

TEST_CASE("lights missing their geometry or with impossible cones are rejected") {
    Json j = baseScene();
    j["lights"] = Json::parse(R"([{"type": "directional"}])");
    checkMessage(errorOf(j), "/lights/0", "needs \"direction\"");
    j["lights"] = Json::parse(R"([{"type": "point", "position": [0, 0, 1], "direction": [0, 0, -1]}])");
    checkMessage(errorOf(j), "/lights/0/direction", "unknown key");
    j["lights"] = Json::parse(R"([{"type": "spot", "position": [0, 0, 1], "direction": [0, 0, -1],
        "inner_cone_deg": 40, "outer_cone_deg": 30}])");
    checkMessage(errorOf(j), "/lights/0/inner_cone_deg", "wider than the outer cone");
    j["lights"] = Json::parse(R"([{"type": "lamp", "position": [0, 0, 1]}])");
    checkMessage(errorOf(j), "/lights/0/type", "unknown value \"lamp\"");
    j["lights"] = Json::parse(R"([{"type": "directional", "direction": [0, 0, 0]}])");
    checkMessage(errorOf(j), "/lights/0/direction", "zero length");
    j["lights"] = Json::parse(R"([{"type": "point", "position": [0, 0, 1], "intensity": -1}])");
    checkMessage(errorOf(j), "/lights/0/intensity", "too small");
}

TEST_CASE("physics values out of range are rejected") {
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "physics": {"mass": -1}})")),
                 "/objects/1/physics/mass", "too small");
    checkMessage(errorOf(withObject(R"({"name": "b", "primitive": {"type": "sphere", "radius": 1}, "physics": {"restitution": 2}})")),
                 "/objects/1/physics/restitution", "too large");
}

TEST_CASE("scene files that do not exist or have an unknown extension are rejected") {
    auto dir = sgtest::tempDir("scene-files");
    std::string missing = sgtest::inputErrorOf([&] { loadScene(dir / "nothere.json"); });
    CHECK_THAT(missing, Contains("nothere.json") && Contains("not found") && Contains("Fix: "));
    sgtest::writeFile(dir / "scene.yaml", "camera: {}");
    std::string ext = sgtest::inputErrorOf([&] { loadScene(dir / "scene.yaml"); });
    CHECK_THAT(ext, Contains("scene.yaml") && Contains("unknown scene file type") && Contains(".gltf"));
}

TEST_CASE("an unsupported version is rejected") {
    Json j = baseScene();
    j["version"] = 2;
    checkMessage(errorOf(j), "/version", "unsupported version 2");
}

TEST_CASE("a defect of an unknown family is rejected with its path and the families") {
    Json j = baseScene();
    j["objects"][0]["defects"] = Json::parse(R"([{"family": "scrach", "center": [0, 0, 0.05], "length_mm": 5, "width_mm": 0.2}])");
    std::string msg = errorOf(j);
    checkMessage(msg, "/objects/0/defects/0/family", "unknown defect family \"scrach\"");
    CHECK_THAT(msg, Contains("scratch, crack, dent, stain, pitting or contamination"));
}

TEST_CASE("a chip in a scene file is refused: the mesh itself carries removed material") {
    Json j = baseScene();
    j["objects"][0]["defects"] = Json::parse(R"([{"family": "chip", "center": [0, 0, 0.05], "length_mm": 5, "width_mm": 4}])");
    std::string msg = errorOf(j);
    checkMessage(msg, "/objects/0/defects/0/family", "a chip removes material from the part's mesh");
    CHECK_THAT(msg, Contains("draw chips from a scenario"));
}

TEST_CASE("bad defect settings are rejected with the defect's JSON path and a fix") {
    auto defectError = [](const std::string& defect) {
        Json j = baseScene();
        j["categories"].push_back("defect/scratch");
        j["objects"][0]["defects"] = Json::array({Json::parse(defect)});
        return errorOf(j);
    };
    checkMessage(defectError(R"({"family": "scratch", "center": [0, 0, 0.05], "length_mm": 5, "width_mm": 0.2, "lenght_mm": 3})"),
                 "/objects/0/defects/0/lenght_mm", "unknown key");
    checkMessage(defectError(R"({"family": "scratch", "center": [0, 0, 0.05], "length_mm": -5, "width_mm": 0.2})"),
                 "/objects/0/defects/0/length_mm", "-5");
    checkMessage(defectError(R"({"family": "scratch", "center": [0, 0, 0.05], "length_mm": 5})"), "/objects/0/defects/0",
                 "\"width_mm\"");
    checkMessage(defectError(R"({"family": "scratch", "length_mm": 5, "width_mm": 0.2})"), "/objects/0/defects/0/center",
                 "missing required key \"center\"");
    checkMessage(defectError(R"({"family": "scratch", "center": [0, 0, 0.05], "normal": [0, 0, 1], "tangent": [0, 0, 2],
                                 "length_mm": 5, "width_mm": 0.2})"),
                 "/objects/0/defects/0/tangent", "parallel to the normal");
    checkMessage(defectError(R"({"family": "dent", "center": [0, 0, 0.05], "diameter_mm": 5, "category": "defect/scratch"})"),
                 "/objects/0/defects/0/category", "\"defect/dent\" or below it");
    checkMessage(defectError(R"({"family": "contamination", "style": "hair", "center": [0, 0, 0.05], "diameter_mm": 5})"),
                 "/objects/0/defects/0/style", "unknown contamination style \"hair\"");
    checkMessage(defectError(R"({"family": "contamination", "style": "fiber", "center": [0, 0, 0.05], "length_mm": 5,
                                 "width_mm": 0.05, "fibers": 20})"),
                 "/objects/0/defects/0/fibers", "20");
}

TEST_CASE("defects that are not an array are rejected with the path") {
    Json j = baseScene();
    j["objects"][0]["defects"] = Json::parse(R"({"family": "scratch"})");
    checkMessage(errorOf(j), "/objects/0/defects", "expected an array of defects");
}
