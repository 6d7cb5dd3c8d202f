#include "renderer/Upload.h"

#include <algorithm>
#include <cstring>

namespace sg::vk {

Buffer Uploader::buffer(const void* data, VkDeviceSize size, VkBufferUsageFlags usage) {
    size = std::max<VkDeviceSize>(size, 4);
    Buffer staging = createBuffer(ctx_, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
    std::memcpy(staging.mapped, data, size_t(size));
    Buffer gpu = createBuffer(ctx_, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::DeviceLocal);
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd_, staging.buffer, gpu.buffer, 1, &region);
    staging_.push_back(std::move(staging));
    recorded_ = true;
    return gpu;
}

Image Uploader::image(const std::vector<std::vector<uint8_t>>& levels, uint32_t width, uint32_t height, VkFormat format) {
    VkDeviceSize total = 0;
    for (auto& l : levels) total += l.size();
    Buffer staging = createBuffer(ctx_, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
    ImageDesc desc;
    desc.width = width;
    desc.height = height;
    desc.format = format;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    desc.mipLevels = uint32_t(levels.size());
    Image img = createImage(ctx_, desc);

    std::vector<VkBufferImageCopy> regions;
    VkDeviceSize offset = 0;
    for (uint32_t m = 0; m < levels.size(); ++m) {
        std::memcpy(static_cast<uint8_t*>(staging.mapped) + offset, levels[m].data(), levels[m].size());
        VkBufferImageCopy r{};
        r.bufferOffset = offset;
        r.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, m, 0, 1};
        r.imageExtent = {std::max(1u, width >> m), std::max(1u, height >> m), 1};
        regions.push_back(r);
        offset += levels[m].size();
    }
    transition(cmd_, img.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
               VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
    vkCmdCopyBufferToImage(cmd_, staging.buffer, img.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, uint32_t(regions.size()),
                           regions.data());
    transition(cmd_, img.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
               VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT,
               VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
    staging_.push_back(std::move(staging));
    recorded_ = true;
    return img;
}

}  // namespace sg::vk
