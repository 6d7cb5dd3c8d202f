#pragma once
// Render passes, descriptor layouts and pipelines: created once per Renderer, never per frame.
#include "renderer/Context.h"

namespace sg::vk {

// Attachment formats of the main pass (aligned per pixel, one pass).
constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_UNORM;        // sRGB encoded in the shader
constexpr VkFormat kInstanceFormat = VK_FORMAT_R32_UINT;
constexpr VkFormat kNormalFormat = VK_FORMAT_R16G16B16A16_SFLOAT;  // ~0.03 deg quantization
constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;            // reversed Z
constexpr VkFormat kShadowFormat = VK_FORMAT_D32_SFLOAT;
constexpr VkFormat kSilhouetteFormat = VK_FORMAT_R8_UNORM;

struct Pipelines {
    UniqueDescriptorSetLayout frameSetLayout;     // set 0: frame uniforms, shadow maps, environment, background
    UniqueDescriptorSetLayout materialSetLayout;  // set 1: material uniforms + 5 textures
    UniquePipelineLayout meshLayout;
    UniquePipelineLayout shadowLayout;

    UniqueRenderPass mainPass;
    UniqueRenderPass shadowPass;
    UniqueRenderPass silhouettePass;

    UniquePipeline mesh;
    UniquePipeline background;
    UniquePipeline shadow;
    UniquePipeline silhouette;
};

Pipelines createPipelines(const Context& ctx);

}  // namespace sg::vk
