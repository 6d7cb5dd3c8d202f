#pragma once
// Defects on sampled parts (docs/scenario-format.md, "defects"): which parts carry defects, of
// which family, where on the surface (area-weighted over the part's triangles, optionally only
// on named materials and inside a model-frame box), with which sizes and severity. Every draw is
// keyed by (seed, frame, the part's entity name), so any frame is made alone and any shard split
// agrees; with "exact" the counts over the dataset are exact (randomization/ExactFrequency.h).
#include "core/JsonReader.h"
#include "randomization/Distribution.h"
#include "scenes/Scene.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sg {

// Sizes of one family, in millimetres as the scenario writes them.
struct DefectFamilyParams {
    double weight = 0;  // relative share among the families
    int category = -1;  // "defect/<family>" (or the scenario's own sub-category)
    NumberDistribution length, width, depth, curvature, count;
    std::vector<NumberDistribution> color;  // linear RGB of the exposed material / stain / interior
    NumberDistribution roughness;
    // Contamination: the params of each style (by ContaminationStyle), each with its share as weight.
    std::vector<DefectFamilyParams> styles;
    bool atEdges = true;  // chip: on the part's sharp edges ("at": "edge"), else anywhere ("face")
};

// A grading rule: the first rule whose minimums all hold names the severity.
struct SeverityRule {
    std::string name;
    std::vector<std::string> families;  // empty = any
    double minLengthMm = 0, minWidthMm = 0, minDepthMm = 0, minAreaMm2 = 0;
};

struct DefectRandomizer {
    double probability = 0;  // chance (exact: share) that a part carries defects
    bool exact = false;
    NumberDistribution perPart = NumberDistribution::constant(1);  // defects on a defective part
    DefectFamilyParams families[kDefectFamilyCount];               // by DefectFamily
    std::vector<std::string> materials;                            // only these material names (empty = all)
    std::optional<std::pair<glm::dvec3, glm::dvec3>> region;       // model-frame box for defect centers
    std::vector<SeverityRule> severity;
    bool active() const { return probability > 0; }
};

// Parses a group's "defects" object; `categoryOf` turns a category name into its index.
DefectRandomizer parseDefectRandomizer(JsonObject& o, const std::function<int(const std::string&)>& categoryOf);

// Where a part stands in the dataset for exact rates: its slot is frame * slotsPerFrame + index.
struct DefectDraw {
    uint64_t seed = 0;
    int64_t frame = 0;
    int64_t frameCount = 1;     // dataset size the exact shares are computed for
    int64_t slotsPerFrame = 1;  // parts of the group per frame (a constant count when exact)
    int64_t index = 0;          // the part's index in its group this frame
    std::string entity;         // the part's entity name ("group:parts#3")
};

// Adds defects to `part` (already holding its meshes and materials); records what was drawn.
void sampleDefects(const DefectRandomizer& r, const DefectDraw& draw, Object& part, Json& record);

// The severity of a defect with these sizes (mm, mm^2) under the rules; "ungraded" without a match.
std::string gradeSeverity(const std::vector<SeverityRule>& rules, DefectFamily family, double lengthMm, double widthMm, double depthMm,
                          double areaMm2);

}  // namespace sg
