#pragma once
// The images one frame renders into and the host buffers they are copied to. Recreated only when
// the resolution (or, for amodal masks, the object count) grows or changes.
#include "renderer/Pipelines.h"
#include "renderer/Resources.h"

#include <vector>

namespace sg::vk {

struct MainTargets {
    uint32_t width = 0, height = 0;
    // Host-mapped: color, instance id and normals are linear images the host reads in place (CPU
    // devices, whose "device memory" is host memory); only depth (no linear tiling) is copied out.
    bool hostMapped = false;
    Image color, instanceId, normals, depth;
    UniqueFramebuffer framebuffer;
    Buffer readback;  // color | instance id | normals | depth, tightly packed in that order (depth only when host-mapped)
    VkDeviceSize colorOffset = 0, idOffset = 0, normalOffset = 0, depthOffset = 0;
    uint64_t bytes() const { return color.bytes + instanceId.bytes + normals.bytes + depth.bytes + readback.size; }
};

// The multisampled colour and depth of the anti-aliased colour pass (Pipelines::antialiasPass); its
// framebuffer resolves into the main targets' colour image, so they are dropped whenever those are
// recreated.
struct AntialiasTargets {
    uint32_t width = 0, height = 0;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    Image color, depth;
    UniqueFramebuffer framebuffer;
    uint64_t bytes() const { return color.bytes + depth.bytes; }
};

struct ShadowTargets {
    uint32_t resolution = 0, layers = 0;
    Image depth;  // 2D array, one layer per shadow view
    std::vector<UniqueImageView> layerViews;
    std::vector<UniqueFramebuffer> framebuffers;
    bool initialized = false;  // layout moved to read-only once
};

// The bounce light's reflective shadow map (renderer/BounceLight.h), kBounceMapSide square with full
// mip chains; created the first time a frame gathers bounce light. framebuffers[0] is the light's
// pass into level 0 (with depth); framebuffers[L] writes level L from level L - 1, which
// reduceSources[L] binds for reading.
struct BounceTargets {
    Image albedo, normalDepth, depth;
    std::vector<UniqueImageView> albedoLevels, normalDepthLevels;  // one view per level
    std::vector<UniqueFramebuffer> framebuffers;
    UniqueDescriptorPool reducePool;
    std::vector<VkDescriptorSet> reduceSources;
    uint64_t bytes() const { return albedo.bytes + normalDepth.bytes + depth.bytes; }
};

// Indirect light gathered at a fraction of the frame's resolution (RenderSettings::indirectDownsample),
// with the position and normal of each pixel's surface (shaders/indirect_gather.frag), and that light
// smoothed over each surface (shaders/indirect_smooth.frag, reading both through smoothSources), which
// mesh.frag reads; recreated when that size changes.
struct IndirectGatherTargets {
    uint32_t width = 0, height = 0;
    Image indirect, surface, depth, smoothed;
    UniqueFramebuffer framebuffer, smoothFramebuffer;
    UniqueDescriptorPool smoothPool;
    VkDescriptorSet smoothSources = VK_NULL_HANDLE;
    uint64_t bytes() const { return indirect.bytes + surface.bytes + depth.bytes + smoothed.bytes; }
};

struct SilhouetteTargets {
    uint32_t width = 0, height = 0, capacity = 0;
    Image coverage;
    UniqueFramebuffer framebuffer;
    Buffer readback;  // capacity masks of width*height bytes
};

MainTargets createMainTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height, bool hostMapped);
AntialiasTargets createAntialiasTargets(const Context& ctx, Pipelines& p, const MainTargets& main, VkSampleCountFlagBits samples);
// The largest sample count the device renders colour and depth with that is not above `requested`
// (1 = no anti-aliasing; requests above 64 are treated as 64).
VkSampleCountFlagBits supportedColorSamples(const Context& ctx, uint32_t requested);
ShadowTargets createShadowTargets(const Context& ctx, const Pipelines& p, uint32_t resolution, uint32_t layers);
// `fetchSampler`: any sampler; the reduce pass reads texels by texelFetch.
BounceTargets createBounceTargets(const Context& ctx, const Pipelines& p, uint32_t side, VkSampler fetchSampler);
// `fetchSampler`: any sampler; the smoothing pass reads texels by texelFetch.
IndirectGatherTargets createIndirectGatherTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height,
                                                  VkSampler fetchSampler);
SilhouetteTargets createSilhouetteTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height, uint32_t capacity);

}  // namespace sg::vk
