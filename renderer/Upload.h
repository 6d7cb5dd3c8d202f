#pragma once
// Records uploads into the frame's command buffer; staging buffers live until the frame's fence
// has signalled (the renderer clears them at the start of the next frame).
#include "renderer/Resources.h"

#include <vector>

namespace sg::vk {

class Uploader {
public:
    Uploader(const Context& ctx, VkCommandBuffer cmd) : ctx_(ctx), cmd_(cmd) {}

    Buffer buffer(const void* data, VkDeviceSize size, VkBufferUsageFlags usage);
    // Uploads all mip levels (tightly packed, level 0 first) of a 2D image and leaves it ready for sampling.
    Image image(const std::vector<std::vector<uint8_t>>& levels, uint32_t width, uint32_t height, VkFormat format);

    // True when something was recorded, so the caller adds one barrier before the draws.
    bool recordedAny() const { return recorded_; }
    std::vector<Buffer> takeStaging() { return std::move(staging_); }

private:
    const Context& ctx_;
    VkCommandBuffer cmd_;
    std::vector<Buffer> staging_;
    bool recorded_ = false;
};

}  // namespace sg::vk
