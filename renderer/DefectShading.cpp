#include "renderer/DefectShading.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sg::vk {

namespace {

// Footprint frame -> model: columns tangent, bitangent, normal, center (made orthonormal here, so a
// slightly off tangent from a file or a sampler is harmless).
glm::dmat4 defectToModel(const Defect& d) {
    glm::dvec3 n = glm::normalize(d.normal);
    glm::dvec3 t = d.tangent - n * glm::dot(n, d.tangent);
    if (glm::dot(t, t) < 1e-18) t = std::abs(n.x) < 0.9 ? glm::cross(n, glm::dvec3(1, 0, 0)) : glm::cross(n, glm::dvec3(0, 1, 0));
    t = glm::normalize(t);
    glm::dmat4 m(1.0);
    m[0] = glm::dvec4(t, 0.0);
    m[1] = glm::dvec4(glm::cross(n, t), 0.0);
    m[2] = glm::dvec4(n, 0.0);
    m[3] = glm::dvec4(d.center, 1.0);
    return m;
}

// A chip's record holds world -> cutter cube coordinates, where its fracture lies within |p| <= 1
// (any surface normal), and how far off the cutter's boundary a fracture point may be found in
// float arithmetic: float rounding of world positions and of the matrix, with a wide margin.
glm::vec4 chipLimits(const Object& o, double extent) {
    const double scale = glm::length(glm::dvec3(o.modelToWorld[0]));
    const double reach = glm::length(glm::dvec3(o.modelToWorld[3])) + scale * extent;
    return glm::vec4(1.01f, -2.0f, 2.05f, float(2e-6 * reach + 1e-4 * scale * extent));
}

}  // namespace

DefectTable buildDefectTable(const Scene& scene) {
    DefectTable table;
    std::vector<DefectRef> refs = listDefects(scene);
    if (refs.empty()) return table;
    if (refs.size() > kMaxDefectsPerFrame)
        throw std::runtime_error("renderer: " + std::to_string(refs.size()) + " defects in one frame; at most " +
                                 std::to_string(kMaxDefectsPerFrame) + " are supported");
    if (scene.objects.size() > kMaxObjectsWithDefects)
        throw std::runtime_error("renderer: defects need at most " + std::to_string(kMaxObjectsWithDefects) + " objects per frame");
    table.first.assign(scene.objects.size(), 0);
    table.count.assign(scene.objects.size(), 0);
    for (const DefectRef& r : refs) {
        const Object& o = scene.objects[r.object];
        const Defect& d = o.defects[r.index];
        if (table.count[r.object] == 0) table.first[r.object] = uint32_t(table.records.size());
        ++table.count[r.object];
        DefectGpu g{};
        const bool chip = d.family == DefectFamily::Chip;
        g.worldToDefect = glm::mat4(glm::inverse(o.modelToWorld * (chip ? d.cutterToModel : defectToModel(d))));
        g.shape = glm::vec4(float(d.length), float(d.width), float(d.depth), float(d.curvature));
        g.look = glm::vec4(d.color, d.roughness);
        g.info = glm::uvec4(uint32_t(d.family), d.seed, uint32_t(std::max(d.count, 0)), uint32_t(d.style));
        // The footprint is projected along the normal onto the surface within this band: wide enough
        // for the surface to curve away under a footprint of radius e (sag e^2 / 2r, r >= e), narrow
        // enough to stay off the far side of a part (also kept off by the normal test).
        const double e = defectExtent(d);
        g.limits = glm::vec4(float(std::max(4.0 * d.depth, 0.5 * e)), 0.2f, float(e * e), 0.0f);
        if (chip) g.limits = chipLimits(o, e);
        table.records.push_back(g);
        table.instanceIds.push_back(r.instanceId);
        table.objects.push_back(r.object);
    }
    return table;
}

void splitDefectIds(const DefectTable& table, FrameBuffers& out) {
    if (table.empty()) {
        out.defectId = ImageU32{};
        return;
    }
    ImageU32& ids = out.instanceId;
    out.defectId.width = ids.width;
    out.defectId.height = ids.height;
    out.defectId.channels = 1;
    out.defectId.pixels.resize(ids.pixels.size());
    const uint32_t mask = (1u << kDefectSlotShift) - 1;
    const uint32_t slots = uint32_t(table.instanceIds.size());
    for (size_t p = 0; p < ids.pixels.size(); ++p) {
        const uint32_t v = ids.pixels[p], slot = v >> kDefectSlotShift;
        ids.pixels[p] = v & mask;
        out.defectId.pixels[p] = slot == 0 || slot > slots ? 0 : table.instanceIds[slot - 1];
    }
}

}  // namespace sg::vk
