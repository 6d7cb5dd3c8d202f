#pragma once
// Surface defects on the GPU: one record per defect in a storage buffer (set 0, binding 4), read by
// shaders/defects.glsl in the mesh fragment shader. The shader writes the defect's slot into the
// high bits of the instance id attachment (one attachment, one write, same pixel center); the host
// splits them into FrameBuffers::defectId after readback.
#include "renderer/Renderer.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace sg::vk {

// Instance id attachment value: objectInstanceId | (defect slot << kDefectSlotShift), slot =
// index in the frame's defect list + 1 (0 = no defect).
constexpr uint32_t kDefectSlotShift = 20;
constexpr uint32_t kMaxObjectsWithDefects = (1u << kDefectSlotShift) - 1;
constexpr uint32_t kMaxDefectsPerFrame = (1u << (32 - kDefectSlotShift)) - 1;

// std430 mirror of DefectData in shaders/defects.glsl (vec4/mat4 members only).
struct DefectGpu {
    glm::mat4 worldToDefect;  // world -> footprint frame (x = tangent, y = bitangent, z = normal; model units)
    glm::vec4 shape;          // length, width, depth, curvature
    glm::vec4 look;           // linear rgb, roughness
    glm::uvec4 info;          // family, seed, count, contamination style
    glm::vec4 limits;         // |z| band around the surface, min cos(surface normal, defect normal), extent^2, unused
};
static_assert(sizeof(DefectGpu) == 128, "DefectGpu must match the std430 layout of DefectData");

// The frame's defects in listDefects() order, and per object its first slot and count.
struct DefectTable {
    std::vector<DefectGpu> records;
    std::vector<uint32_t> first, count;  // per scene object
    std::vector<uint32_t> instanceIds;   // per record: the defect's label instance id
    std::vector<uint32_t> objects;       // per record: the index of the object it is on
    bool empty() const { return records.empty(); }
};

// Throws std::runtime_error when the scene has more defects or objects than the id packing allows.
DefectTable buildDefectTable(const Scene& scene);

// Moves the defect slots out of out.instanceId into out.defectId (label instance ids); leaves
// out.defectId empty when the frame has no defects.
void splitDefectIds(const DefectTable& table, FrameBuffers& out);

}  // namespace sg::vk
