#include "scenes/Defect.h"

#include "scenes/Scene.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {
const char* const kFamilyNames[] = {"scratch", "crack", "dent", "stain", "pitting", "contamination"};
const char* const kContaminationStyleNames[] = {"dust", "fiber"};
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

const char* contaminationStyleName(ContaminationStyle style) { return kContaminationStyleNames[int(style)]; }

bool contaminationStyleFromName(const std::string& name, ContaminationStyle& style) {
    for (int i = 0; i < 2; ++i)
        if (name == kContaminationStyleNames[i]) {
            style = ContaminationStyle(i);
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
        case DefectFamily::Contamination:  // other fibers are centered up to length/2 away
            return (d.style == ContaminationStyle::Fiber && d.count > 1 ? d.length : 0.5 * d.length) + d.width;
    }
    return d.length;
}

}  // namespace sg
