#pragma once
// A surface defect on one object (a part), defined in the part's own model frame so it moves
// with the part through physics and sequences. The renderer evaluates it analytically at every
// pixel center of the part's surface (no UVs, any mesh): that decides the defect's label pixels and
// perturbs the shading normal, albedo and roughness there (docs/scene-format.md, "defects").
// A chip differs: its cutter is subtracted from the part's mesh (scenes/Chip.h) and its label is
// the surface left on the cutter's boundary (docs/scenario-format.md, "defects").
#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sg {

struct Scene;

// Chip = material removed: the part's mesh itself is cut (scenes/Chip.h), so its silhouette changes.
enum class DefectFamily { Scratch, Crack, Dent, Stain, Pitting, Contamination, Chip };
constexpr int kDefectFamilyCount = 7;

// "scratch", "crack", "dent", "stain", "pitting", "contamination", "chip".
const char* defectFamilyName(DefectFamily family);
// The family of a name above; false when the name is none of them.
bool defectFamilyFromName(const std::string& name, DefectFamily& family);

// What contamination rests on the surface: dust = a cluster of small particles, fiber = thin
// curved filaments.
enum class ContaminationStyle { Dust, Fiber };
// "dust", "fiber".
const char* contaminationStyleName(ContaminationStyle style);
// The style of a name above; false when the name is none of them.
bool contaminationStyleFromName(const std::string& name, ContaminationStyle& style);

struct Defect {
    DefectFamily family = DefectFamily::Scratch;
    int category = -1;  // index into Scene::categories, a "defect/<family>[/...]" path

    // Footprint frame in model coordinates: `center` on the surface, `normal` the outward surface
    // normal there, `tangent` (perpendicular to it) the direction of a scratch or crack.
    glm::dvec3 center{0.0};
    glm::dvec3 normal{0.0, 0.0, 1.0};
    glm::dvec3 tangent{1.0, 0.0, 0.0};

    // Sizes in model units (metres). What each means per family:
    //   scratch: length along the path, groove width, groove depth, path curvature (1/m, signed);
    //   crack:   length of the main fracture, width at its middle (tapering to 0 at the tips),
    //            count = branches;
    //   dent:    length = diameter, depth at the center;
    //   stain:   length = mean diameter (boundary irregular by +-30 %);
    //   pitting: length = diameter of the cluster, width = pit diameter, depth = pit depth, count = pits;
    //   contamination, dust: length = diameter of the cluster, width = particle diameter (the first
    //            particle sits at the center at full size, the others anywhere in the cluster at 50 to
    //            100 % of it), depth = particle height above the surface, count = particles;
    //   contamination, fiber: length and width of each filament, depth = its height above the
    //            surface, curvature as for a scratch, count = filaments (the first one along the
    //            tangent through the center, the others centered within length/2 of it, turned at
    //            random, with curvature between -|curvature| and +|curvature|).
    //   chip:    length, width = the cutter's extent along tangent and bitangent, depth = how deep it
    //            reaches below the surface at the center (its shape is cutterToModel).
    double length = 0.01;
    double width = 0.0005;
    double depth = 0.0001;
    double curvature = 0.0;
    int count = 0;
    ContaminationStyle style = ContaminationStyle::Dust;  // contamination only

    glm::vec3 color{0.6f, 0.6f, 0.6f};  // linear RGB: exposed base material, stain, crack interior, contaminant
    float roughness = 0.5f;             // of that material
    uint32_t seed = 0;                  // shape detail: crack course and branches, stain boundary, pit and particle layout

    // Chip only: the cutter, the parallelepiped cutterToModel([-1, 1]^3), already subtracted from the
    // part's meshes; the label is the part's surface lying on the cutter's boundary (the fracture).
    glm::dmat4 cutterToModel{1.0};

    // Copied to the defect's label: type, length_mm, width_mm, depth_mm, area_mm2, severity.
    nlohmann::json attributes = nlohmann::json::object();
};

// Where the defects of a scene sit: scene.objects[object].defects[index]. Defects are numbered in
// object order, then in each object's order; defect k has label instance id objects.size() + 1 + k.
struct DefectRef {
    uint32_t object = 0;
    uint32_t index = 0;
    uint32_t instanceId = 0;
};
std::vector<DefectRef> listDefects(const Scene& scene);

// The label attributes its family and sizes give: type, style (contamination), the sizes in mm as
// the family has them (length_mm, width_mm, depth_mm or height_mm, curvature_per_m, branches, pits,
// particles, fibers) and area_mm2, the nominal footprint area.
nlohmann::json defectSizeAttributes(const Defect& d);

// The defect's footprint radius around its center (metres, model frame): the part of the surface
// it can touch.
double defectExtent(const Defect& d);

}  // namespace sg
