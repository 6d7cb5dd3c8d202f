#include "scenes/Defect.h"

#include "scenes/Scene.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {
const char* const kFamilyNames[] = {"scratch", "crack", "dent", "stain", "pitting", "chip"};
}

const char* defectFamilyName(DefectFamily family) { return kFamilyNames[int(family)]; }

bool defectFamilyFromName(const std::string& name, DefectFamily& family) {
    for (int i = 0; i < kDefectFamilyCount; ++i)
        if (name == kFamilyNames[i]) {
            family = DefectFamily(i);
            return true;
        }
    return false;
}

std::vector<DefectRef> listDefects(const Scene& scene) {
    std::vector<DefectRef> out;
    uint32_t next = uint32_t(scene.objects.size()) + 1;
    for (uint32_t i = 0; i < scene.objects.size(); ++i)
        for (uint32_t k = 0; k < scene.objects[i].defects.size(); ++k) out.push_back({i, k, next++});
    return out;
}

double defectExtent(const Defect& d) {
    switch (d.family) {
        case DefectFamily::Scratch: return 0.5 * d.length + d.width;
        case DefectFamily::Crack: return 0.8 * d.length + d.width;  // branches reach 0.35 L + 0.4 L + wiggle
        case DefectFamily::Dent: return 0.5 * d.length;
        case DefectFamily::Stain: return 0.65 * d.length;
        case DefectFamily::Pitting: return 0.5 * d.length + d.width;
        case DefectFamily::Chip: {  // the cutter's circumradius: its farthest corner from the center
            const glm::dvec3 a(d.cutterToModel[0]), b(d.cutterToModel[1]), c(d.cutterToModel[2]);
            return std::max(std::max(glm::length(a + b + c), glm::length(a - b + c)),
                            std::max(glm::length(a + b - c), glm::length(a - b - c)));
        }
    }
    return d.length;
}

}  // namespace sg
