#pragma once
// Small helpers every renderer file uses: result checking and an owning wrapper for device-level
// Vulkan handles (destroyed in reverse order of declaration, like any C++ member).
#include <vulkan/vulkan.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace sg::vk {

const char* resultName(VkResult r);

inline void check(VkResult r, const char* what) {
    if (r != VK_SUCCESS) throw std::runtime_error(std::string("Vulkan: ") + what + " failed (" + resultName(r) + ")");
}

// Owns one handle created from a VkDevice; Destroy is vkDestroyXxx or vkFreeMemory.
template <class T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)>
class Unique {
public:
    Unique() = default;
    Unique(VkDevice device, T handle) : device_(device), handle_(handle) {}
    Unique(const Unique&) = delete;
    Unique& operator=(const Unique&) = delete;
    Unique(Unique&& o) noexcept : device_(o.device_), handle_(std::exchange(o.handle_, T(VK_NULL_HANDLE))) {}
    Unique& operator=(Unique&& o) noexcept {
        if (this != &o) {
            reset();
            device_ = o.device_;
            handle_ = std::exchange(o.handle_, T(VK_NULL_HANDLE));
        }
        return *this;
    }
    ~Unique() { reset(); }

    void reset() {
        if (handle_ != T(VK_NULL_HANDLE)) Destroy(device_, handle_, nullptr);
        handle_ = T(VK_NULL_HANDLE);
    }
    T get() const { return handle_; }
    operator T() const { return handle_; }  // NOLINT: these are used like the raw handles
    explicit operator bool() const { return handle_ != T(VK_NULL_HANDLE); }
    const T* ptr() const { return &handle_; }

private:
    VkDevice device_ = VK_NULL_HANDLE;
    T handle_ = T(VK_NULL_HANDLE);
};

using UniqueBuffer = Unique<VkBuffer, vkDestroyBuffer>;
using UniqueImage = Unique<VkImage, vkDestroyImage>;
using UniqueImageView = Unique<VkImageView, vkDestroyImageView>;
using UniqueMemory = Unique<VkDeviceMemory, vkFreeMemory>;
using UniqueSampler = Unique<VkSampler, vkDestroySampler>;
using UniqueShaderModule = Unique<VkShaderModule, vkDestroyShaderModule>;
using UniquePipeline = Unique<VkPipeline, vkDestroyPipeline>;
using UniquePipelineLayout = Unique<VkPipelineLayout, vkDestroyPipelineLayout>;
using UniqueDescriptorSetLayout = Unique<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using UniqueDescriptorPool = Unique<VkDescriptorPool, vkDestroyDescriptorPool>;
using UniqueRenderPass = Unique<VkRenderPass, vkDestroyRenderPass>;
using UniqueFramebuffer = Unique<VkFramebuffer, vkDestroyFramebuffer>;
using UniqueCommandPool = Unique<VkCommandPool, vkDestroyCommandPool>;
using UniqueFence = Unique<VkFence, vkDestroyFence>;

}  // namespace sg::vk
