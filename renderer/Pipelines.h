#pragma once
// Render passes, descriptor layouts and pipelines: created once per Renderer, never per frame.
#include "renderer/Context.h"

#include <unordered_map>

namespace sg::vk {

// Attachment formats of the main pass (aligned per pixel, one pass).
constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_SRGB;  // shader writes tone-mapped linear
constexpr VkFormat kInstanceFormat = VK_FORMAT_R32_UINT;
constexpr VkFormat kNormalFormat = VK_FORMAT_R16G16B16A16_SFLOAT;  // ~0.03 deg quantization
constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;            // reversed Z
constexpr VkFormat kShadowFormat = VK_FORMAT_D32_SFLOAT;
constexpr VkFormat kSilhouetteFormat = VK_FORMAT_R8_UNORM;
// The reflective shadow map of the bounce light (renderer/BounceLight.h).
// Half floats: averaged normal and depth are divided by the averaged coverage.
constexpr VkFormat kBounceAlbedoFormat = VK_FORMAT_R16G16B16A16_SFLOAT;       // linear albedo, coverage
constexpr VkFormat kBounceNormalDepthFormat = VK_FORMAT_R16G16B16A16_SFLOAT;  // world normal, light-view depth
// Indirect light gathered at a fraction of the frame's resolution (shaders/indirect_gather.frag).
constexpr VkFormat kGatheredIndirectFormat = VK_FORMAT_R16G16B16A16_SFLOAT;  // bounce irradiance, sky visibility
constexpr VkFormat kGatheredSurfaceFormat = VK_FORMAT_R32G32B32A32_SFLOAT;   // world position, packed normal

// The specialization constants of shaders/common.glsl: one pipeline per combination in use.
struct ShaderVariant {
    int lightCount = 0;
    bool shadows = false;
    bool environmentImage = false;
    bool baseColorTexture = false, metallicRoughnessTexture = false, normalTexture = false, emissiveTexture = false,
         occlusionTexture = false;
    bool backgroundPhoto = false;
    bool cullBackFaces = false;
    bool defects = false;  // the object carries surface defects
    // Frame-wide quality switches from RenderSettings.
    int shadowTaps = 1;  // PCF taps per light, 1..16 (a constant: the shader's loop unrolls)
    bool skyVisibility = false, burleyDiffuse = false, bounceLight = false;
    bool indirectGathered = false;  // sky visibility and bounce light from the gathered image
    // Takes the frame-wide parts (lights, shadows, environment, quality switches) from `frame`,
    // keeping this draw's own (textures, culling, defects).
    void takeFrameParts(const ShaderVariant& frame) {
        lightCount = frame.lightCount;
        shadows = frame.shadows;
        environmentImage = frame.environmentImage;
        shadowTaps = frame.shadowTaps;
        skyVisibility = frame.skyVisibility;
        burleyDiffuse = frame.burleyDiffuse;
        bounceLight = frame.bounceLight;
        indirectGathered = frame.indirectGathered;
    }
    uint32_t key() const {
        return uint32_t(lightCount) | shadows << 8 | environmentImage << 9 | baseColorTexture << 10 | metallicRoughnessTexture << 11 |
               normalTexture << 12 | emissiveTexture << 13 | occlusionTexture << 14 | backgroundPhoto << 15 | cullBackFaces << 16 |
               defects << 17 | skyVisibility << 19 | burleyDiffuse << 20 | bounceLight << 21 | indirectGathered << 22 |
               uint32_t(shadowTaps) << 23;
    }
};

struct Pipelines {
    UniqueDescriptorSetLayout frameSetLayout;     // set 0: frame uniforms, shadow maps, environment, background, defects, bounce light
    UniqueDescriptorSetLayout materialSetLayout;  // set 1: material uniforms + 5 textures
    UniquePipelineLayout meshLayout;
    UniquePipelineLayout shadowLayout;
    UniquePipelineLayout bounceLayout;
    // Two images a pass reads from the pass before it: the bounce map's finer level (albedo and
    // normal-depth) for its mip reduction, the gathered indirect light and surfaces for their smoothing.
    UniqueDescriptorSetLayout imagePairSetLayout;
    UniquePipelineLayout bounceReduceLayout;
    UniquePipelineLayout indirectSmoothLayout;

    UniqueRenderPass mainPass;
    // The same pass leaving the color attachments in GENERAL for host reads (host-mapped targets);
    // compatible with mainPass, so the same pipelines and framebuffers serve both.
    UniqueRenderPass mainPassMapped;
    UniqueRenderPass shadowPass;
    UniqueRenderPass bouncePass;          // the bounce light's albedo and normal-depth (level 0), with depth
    UniqueRenderPass bounceReducePass;    // one coarser level of both, from the finer one
    UniqueRenderPass indirectGatherPass;  // indirect light at a fraction of the frame's resolution, with depth
    UniqueRenderPass indirectSmoothPass;  // that light smoothed over each surface
    UniqueRenderPass silhouettePass;

    UniqueShaderModule meshVert, meshFrag, backgroundVert, backgroundFrag;
    UniquePipeline shadow;
    UniquePipeline shadowCulled;  // for closed, consistently wound (built-in) shapes
    // Front faces culled: a closed mesh's surfaces facing away from the view (sky-visibility views).
    UniquePipeline shadowFrontCulled;
    UniquePipeline bounce;          // the reflective shadow map (renderer/BounceLight.h)
    UniquePipeline bounceReduce;    // its mip levels, one from another (shaders/bounce_reduce.frag)
    UniquePipeline indirectGather;  // the camera's view, gathering it (shaders/indirect_gather.frag)
    UniquePipeline indirectSmooth;  // one triangle over the gathered image (shaders/indirect_smooth.frag)
    UniquePipeline silhouette;
    UniquePipeline defectSilhouette;  // one defect's footprint on its part drawn alone (amodal defect masks)

    // Mesh pipelines (culling on for single-sided, consistently wound built-in shapes; off otherwise)
    // and background pipelines, created on first use (a few ms each) and kept. samples > 1: for the
    // anti-aliased colour pass of that sample count (antialiasPass) instead of the main pass.
    VkPipeline mesh(const Context& ctx, const ShaderVariant& v, VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT);
    VkPipeline background(const Context& ctx, const ShaderVariant& v, VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT);
    size_t variantCount() const { return variants_.size(); }

    // The anti-aliased colour pass: one multisampled colour attachment and its multisampled depth,
    // resolved into the main pass's one-sample colour image (attachment 2), which it leaves in
    // TRANSFER_SRC_OPTIMAL, or GENERAL when hostMapped. The shaders' instance-id and normal outputs
    // (locations 1 and 2) go to VK_ATTACHMENT_UNUSED: labels come from the main pass only.
    // Created on first use per sample count.
    VkRenderPass antialiasPass(const Context& ctx, VkSampleCountFlagBits samples, bool hostMapped);

private:
    std::unordered_map<uint64_t, UniquePipeline> variants_;
    std::unordered_map<uint32_t, UniqueRenderPass> antialiasPasses_;
};

Pipelines createPipelines(const Context& ctx);

}  // namespace sg::vk
