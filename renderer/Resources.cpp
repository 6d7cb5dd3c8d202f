#include "renderer/Resources.h"

namespace sg::vk {

namespace {

uint32_t findMemoryType(const Context& ctx, uint32_t typeBits, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
    for (VkMemoryPropertyFlags want : {required | preferred, required})
        for (uint32_t i = 0; i < ctx.memory.memoryTypeCount; ++i)
            if ((typeBits & (1u << i)) && (ctx.memory.memoryTypes[i].propertyFlags & want) == want) return i;
    throw std::runtime_error("Vulkan: no suitable memory type on " + ctx.info.name);
}

UniqueMemory allocate(const Context& ctx, const VkMemoryRequirements& req, VkMemoryPropertyFlags required,
                      VkMemoryPropertyFlags preferred) {
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = findMemoryType(ctx, req.memoryTypeBits, required, preferred);
    VkDeviceMemory mem;
    check(vkAllocateMemory(ctx.device, &ai, nullptr, &mem), "vkAllocateMemory");
    return UniqueMemory(ctx.device, mem);
}

}  // namespace

Buffer createBuffer(const Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use) {
    Buffer b;
    b.size = size;
    VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bi.size = size;
    bi.usage = usage;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkBuffer buf;
    check(vkCreateBuffer(ctx.device, &bi, nullptr, &buf), "vkCreateBuffer");
    b.buffer = UniqueBuffer(ctx.device, buf);
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(ctx.device, buf, &req);
    VkMemoryPropertyFlags required = 0, preferred = 0;
    switch (use) {
        case MemoryUse::DeviceLocal: preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT; break;
        case MemoryUse::Upload: required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT; break;
        // Cached memory makes CPU reads of the readback buffers several times faster.
        case MemoryUse::Readback:
            required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
            preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
            break;
    }
    b.memory = allocate(ctx, req, required, preferred);
    check(vkBindBufferMemory(ctx.device, buf, b.memory, 0), "vkBindBufferMemory");
    if (use != MemoryUse::DeviceLocal) check(vkMapMemory(ctx.device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped), "vkMapMemory");
    return b;
}

UniqueImageView createView(const Context& ctx, VkImage image, VkFormat format, VkImageAspectFlags aspect, VkImageViewType type,
                           uint32_t baseLayer, uint32_t layers, uint32_t mipLevels, uint32_t baseMipLevel) {
    VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vi.image = image;
    vi.viewType = type;
    vi.format = format;
    vi.subresourceRange = {aspect, baseMipLevel, mipLevels, baseLayer, layers};
    VkImageView view;
    check(vkCreateImageView(ctx.device, &vi, nullptr, &view), "vkCreateImageView");
    return UniqueImageView(ctx.device, view);
}

bool supportsHostMappedAttachment(const Context& ctx, VkFormat format, VkImageUsageFlags usage) {
    VkImageFormatProperties props;
    return vkGetPhysicalDeviceImageFormatProperties(ctx.physicalDevice, format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_LINEAR, usage, 0,
                                                    &props) == VK_SUCCESS;
}

Image createImage(const Context& ctx, const ImageDesc& d) {
    Image img;
    img.format = d.format;
    img.width = d.width;
    img.height = d.height;
    img.mipLevels = d.mipLevels;
    img.layers = d.layers;
    VkImageCreateInfo ii{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ii.imageType = VK_IMAGE_TYPE_2D;
    ii.format = d.format;
    ii.extent = {d.width, d.height, 1};
    ii.mipLevels = d.mipLevels;
    ii.arrayLayers = d.layers;
    ii.samples = d.samples;
    ii.tiling = d.hostMapped ? VK_IMAGE_TILING_LINEAR : VK_IMAGE_TILING_OPTIMAL;
    ii.usage = d.usage;
    ii.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ii.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage image;
    check(vkCreateImage(ctx.device, &ii, nullptr, &image), "vkCreateImage");
    img.image = UniqueImage(ctx.device, image);
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(ctx.device, image, &req);
    img.bytes = req.size;
    if (d.hostMapped)
        img.memory = allocate(ctx, req, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                              VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    else img.memory = allocate(ctx, req, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    check(vkBindImageMemory(ctx.device, image, img.memory, 0), "vkBindImageMemory");
    if (d.hostMapped) {
        VkImageSubresource sub{d.aspect, 0, 0};
        VkSubresourceLayout layout;
        vkGetImageSubresourceLayout(ctx.device, image, &sub, &layout);
        void* p = nullptr;
        check(vkMapMemory(ctx.device, img.memory, 0, VK_WHOLE_SIZE, 0, &p), "vkMapMemory");
        img.mapped = static_cast<const uint8_t*>(p) + layout.offset;
        img.rowPitch = layout.rowPitch;
    }
    img.view = createView(ctx, image, d.format, d.aspect, d.viewType, 0, d.layers, d.mipLevels);
    return img;
}

void transition(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from, VkImageLayout to,
                VkPipelineStageFlags srcStage, VkAccessFlags srcAccess, VkPipelineStageFlags dstStage, VkAccessFlags dstAccess,
                uint32_t mipLevels, uint32_t layers) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.oldLayout = from;
    b.newLayout = to;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {aspect, 0, mipLevels, 0, layers};
    vkCmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

VkDescriptorSet allocateDescriptorSet(const Context& ctx, VkDescriptorPool pool, VkDescriptorSetLayout layout) {
    VkDescriptorSetAllocateInfo sa{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    sa.descriptorPool = pool;
    sa.descriptorSetCount = 1;
    sa.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    check(vkAllocateDescriptorSets(ctx.device, &sa, &set), "vkAllocateDescriptorSets");
    return set;
}

VkWriteDescriptorSet imageWrite(VkDescriptorSet set, uint32_t binding, uint32_t count, const VkDescriptorImageInfo* images) {
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = set;
    w.dstBinding = binding;
    w.descriptorCount = count;
    w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    w.pImageInfo = images;
    return w;
}

VkWriteDescriptorSet bufferWrite(VkDescriptorSet set, uint32_t binding, VkDescriptorType type, const VkDescriptorBufferInfo* buffer) {
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = set;
    w.dstBinding = binding;
    w.descriptorCount = 1;
    w.descriptorType = type;
    w.pBufferInfo = buffer;
    return w;
}

}  // namespace sg::vk
