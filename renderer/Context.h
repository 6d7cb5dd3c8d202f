#pragma once
// The Vulkan instance, the chosen physical device, the logical device and its queue. Offscreen
// only: no surface or window-system extension is ever requested.
#include "renderer/Renderer.h"
#include "renderer/VulkanUtil.h"

#include <mutex>
#include <string>
#include <vector>

namespace sg::vk {

class Context {
public:
    explicit Context(const RendererOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    uint32_t queueFamily = 0;
    VkPhysicalDeviceProperties properties{};
    VkPhysicalDeviceMemoryProperties memory{};
    DeviceInfo info;

    std::vector<std::string> validationMessages() const;
    void addValidationMessage(std::string message);

private:
    void release();
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    mutable std::mutex messagesMutex_;  // the layer may call back from driver threads
    std::vector<std::string> messages_;
};

// Creates a bare instance (no layers), for listing devices and for Context.
VkInstance createInstance(bool validation, bool* portability = nullptr);
std::vector<DeviceInfo> describeDevices(VkInstance instance);

}  // namespace sg::vk
