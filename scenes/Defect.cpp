#include "scenes/Defect.h"

#include "scenes/Scene.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {
const char* const kFamilyNames[] = {"scratch", "crack", "dent", "stain", "pitting", "contamination", "chip"};
const char* const kContaminationStyleNames[] = {"dust", "fiber"};

nlohmann::json sizeAttributes(const Defect& d) {
    nlohmann::json a = nlohmann::json::object();
    a["type"] = defectFamilyName(d.family);
    const double mm = 1000.0;
    switch (d.family) {
        case DefectFamily::Scratch:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["curvature_per_m"] = d.curvature;
            break;
        case DefectFamily::Crack:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["branches"] = d.count;
            break;
        case DefectFamily::Dent: a["width_mm"] = d.length * mm, a["depth_mm"] = d.depth * mm; break;
        case DefectFamily::Stain: a["width_mm"] = d.length * mm; break;
        case DefectFamily::Pitting:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["pits"] = d.count;
            break;
        case DefectFamily::Contamination:
            a["style"] = contaminationStyleName(d.style);
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["height_mm"] = d.depth * mm;
            a[d.style == ContaminationStyle::Dust ? "particles" : "fibers"] = d.count;
            if (d.style == ContaminationStyle::Fiber) a["curvature_per_m"] = d.curvature;
            break;
        case DefectFamily::Chip: a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm; break;
    }
    return a;
}

// Nominal footprint area in mm^2 (the shapes of defects.glsl; crack branches and pit overlaps left out).
double nominalAreaMm2(const Defect& d) {
    const double L = d.length * 1000, w = d.width * 1000, pi = 3.14159265358979323846;
    switch (d.family) {
        case DefectFamily::Scratch: return L * w;
        case DefectFamily::Crack: return 0.5 * L * w;  // width tapers linearly to 0 at both tips
        case DefectFamily::Dent: return pi * L * L / 4;
        case DefectFamily::Stain: return pi * L * L / 4 * (1 + 0.5 * (0.15 * 0.15 + 0.1 * 0.1 + 0.05 * 0.05));
        case DefectFamily::Pitting: return d.count * pi * w * w / 4 * (0.36 + 0.48 + 0.64 / 3);  // E[(0.6 + 0.8u)^2]
        case DefectFamily::Contamination:
            if (d.style == ContaminationStyle::Fiber) return std::max(d.count, 1) * L * w;
            return d.count < 1 ? 0 : pi * w * w / 4 * (1 + (d.count - 1) * (0.25 + 0.25 + 0.25 / 3));  // E[(0.5 + 0.5u)^2]
        case DefectFamily::Chip: return 0;  // measured on the cut instead (randomization/DefectSampling.cpp)
    }
    return 0;
}

}  // namespace

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
        case DefectFamily::Chip: {  // the cutter's circumradius: its farthest corner from the center
            const glm::dvec3 a(d.cutterToModel[0]), b(d.cutterToModel[1]), c(d.cutterToModel[2]);
            return std::max(std::max(glm::length(a + b + c), glm::length(a - b + c)),
                            std::max(glm::length(a + b - c), glm::length(a - b - c)));
        }
    }
    return d.length;
}

nlohmann::json defectSizeAttributes(const Defect& d) {
    nlohmann::json a = sizeAttributes(d);
    a["area_mm2"] = nominalAreaMm2(d);
    return a;
}

}  // namespace sg
