#pragma once
// The scene model: what every stage reads. Plain data; loaders fill it, the renderer, physics
// and labels read it. World frame: right-handed, +Z up, metres.
#include "core/Camera.h"
#include "core/Image.h"
#include "scenes/Defect.h"
#include "scenes/Material.h"
#include "scenes/Mesh.h"
#include "scenes/Primitives.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sg {

// One drawable piece of an object: a mesh with one material, placed in the object's frame.
struct MeshPart {
    std::shared_ptr<const Mesh> mesh;
    std::shared_ptr<const Material> material;
    glm::dmat4 partToModel{1.0};
};

struct Keypoint {
    std::string name;
    glm::dvec3 position{0};  // model coordinates
};

// A category in a hierarchy written as a path, e.g. "defect/crack/hairline". COCO's
// supercategory is the parent path ("defect/crack"), or the name itself at the top level.
struct Category {
    int id = 0;        // stable id written to label files (COCO category_id), >= 1
    std::string name;  // full path
    std::string supercategory;
    std::vector<std::string> keypoints;         // names, in order (COCO keypoint categories)
    std::vector<std::pair<int, int>> skeleton;  // pairs of 0-based keypoint indices
};

struct PhysicsProperties {
    double mass = 1.0;  // kg; 0 = static (tables, bins, floors)
    double friction = 0.5;
    double restitution = 0.1;
    double linearDamping = 0.05;
    double angularDamping = 0.05;
    // Surface velocity of a static object (mass 0) in world m/s, e.g. a conveyor belt: objects
    // resting on it are carried along by friction. Zero = an ordinary surface.
    glm::dvec3 conveyorVelocity{0.0};
};

struct Object {
    std::string name;
    std::vector<MeshPart> parts;
    glm::dmat4 modelToWorld{1.0};
    int category = -1;                                     // index into Scene::categories; -1 = unlabeled (background, distractor)
    nlohmann::json attributes = nlohmann::json::object();  // free-form, copied to the labels
    std::vector<Keypoint> keypoints;
    std::optional<PrimitiveShape> primitive;  // set for built-in shapes (exact physics and analytic tests)
    PhysicsProperties physics;
    bool castsShadows = true;
    std::vector<Defect> defects;  // surface defects in the model frame (scenes/Defect.h)
};

enum class LightType { Directional, Point, Spot };

struct Light {
    LightType type = LightType::Directional;
    glm::vec3 color{1.0f};  // linear RGB
    // Directional: irradiance on a surface facing the light (W/m^2 scale, 1 = "sunlight" of 1).
    // Point/spot: radiant intensity (W/sr scale); falls off with 1/d^2.
    float intensity = 3.0f;
    glm::dvec3 position{0, 0, 3};    // point, spot
    glm::dvec3 direction{0, 0, -1};  // directional, spot: where the light travels
    float innerConeAngle = 0.3f;     // spot, radians from the axis
    float outerConeAngle = 0.5f;
    bool castsShadows = true;
};

struct Environment {
    glm::vec3 color{0.2f};                  // flat environment color (linear RGB), used when there is no image
    std::shared_ptr<const ImageF32> image;  // equirectangular, 3 channels, linear RGB; null = flat color
    std::string imageSource;                // path, for the record
    float intensity = 1.0f;                 // multiplies color or image
    float rotation = 0.0f;                  // radians about world +Z
    // Background image (e.g. a real photo) drawn behind everything instead of the environment;
    // null = the environment is the background.
    std::shared_ptr<const ImageU8> background;  // sRGB, 3 or 4 channels, stretched to the frame
};

struct Scene {
    std::vector<Object> objects;  // instance id of objects[i] is i + 1
    std::vector<Category> categories;
    std::vector<Light> lights;
    Environment environment;
    Camera camera;
    float exposure = 1.0f;  // linear multiplier before tone mapping
    std::string source;     // file the scene came from, for messages and the manifest
    // Problems in third-party asset files that did not stop loading (e.g. a missing texture
    // referenced inside a mesh file); worth printing. Problems in the scene file itself throw.
    std::vector<std::string> warnings;
};

// Index of the category with this full name, or -1.
int findCategory(const Scene& scene, const std::string& name);

}  // namespace sg
