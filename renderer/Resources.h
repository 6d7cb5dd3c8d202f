#pragma once
// Buffers and images with their own memory. One allocation per resource keeps ownership obvious;
// the renderer creates few of them (caches and frame targets), never per draw.
#include "renderer/Context.h"

namespace sg::vk {

struct Buffer {
    UniqueBuffer buffer;
    UniqueMemory memory;
    void* mapped = nullptr;  // persistently mapped when host-visible
    VkDeviceSize size = 0;
};

struct Image {
    UniqueImage image;
    UniqueMemory memory;
    UniqueImageView view;
    VkFormat format = VK_FORMAT_UNDEFINED;
    uint32_t width = 0, height = 0, mipLevels = 1, layers = 1;
    VkDeviceSize bytes = 0;
    // Host-mapped images (ImageDesc::hostMapped): texel (x, y) is at mapped + y * rowPitch + x * texel size.
    const uint8_t* mapped = nullptr;
    VkDeviceSize rowPitch = 0;
};

enum class MemoryUse { DeviceLocal, Upload, Readback };

Buffer createBuffer(const Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use);

struct ImageDesc {
    uint32_t width = 1, height = 1;
    VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
    VkImageUsageFlags usage = 0;
    uint32_t mipLevels = 1;
    uint32_t layers = 1;
    VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
    VkImageViewType viewType = VK_IMAGE_VIEW_TYPE_2D;
    // Linear tiling in host-visible memory, persistently mapped: the host reads the pixels where the
    // device wrote them (no copy). Only for devices whose memory is the host's (CPU rasterizers).
    bool hostMapped = false;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;  // > 1: a multisampled attachment
};
// Whether a color format can be a host-mapped (linear) attachment with these usages.
bool supportsHostMappedAttachment(const Context& ctx, VkFormat format, VkImageUsageFlags usage);
Image createImage(const Context& ctx, const ImageDesc& desc);
UniqueImageView createView(const Context& ctx, VkImage image, VkFormat format, VkImageAspectFlags aspect, VkImageViewType type,
                           uint32_t baseLayer, uint32_t layers, uint32_t mipLevels = 1, uint32_t baseMipLevel = 0);

// One descriptor set of `layout` from `pool` (freed with the pool).
VkDescriptorSet allocateDescriptorSet(const Context& ctx, VkDescriptorPool pool, VkDescriptorSetLayout layout);

// Descriptor writes at `binding` of `set`: `count` combined image samplers, or one buffer.
VkWriteDescriptorSet imageWrite(VkDescriptorSet set, uint32_t binding, uint32_t count, const VkDescriptorImageInfo* images);
VkWriteDescriptorSet bufferWrite(VkDescriptorSet set, uint32_t binding, VkDescriptorType type, const VkDescriptorBufferInfo* buffer);

// Records a whole-image layout transition (all mips and layers) with broad but correct masks.
void transition(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from, VkImageLayout to,
                VkPipelineStageFlags srcStage, VkAccessFlags srcAccess, VkPipelineStageFlags dstStage, VkAccessFlags dstAccess,
                uint32_t mipLevels = VK_REMAINING_MIP_LEVELS, uint32_t layers = VK_REMAINING_ARRAY_LAYERS);

}  // namespace sg::vk
