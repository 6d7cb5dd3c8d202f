#include "renderer/Context.h"

#include "core/Text.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

namespace sg::vk {

const char* resultName(VkResult r) {
    switch (r) {
        case VK_SUCCESS: return "VK_SUCCESS";
        case VK_NOT_READY: return "VK_NOT_READY";
        case VK_TIMEOUT: return "VK_TIMEOUT";
        case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
        case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
        case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
        case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
        case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
        case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
        case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
        case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
        default: return "VkResult error";
    }
}

namespace {

const char* kInstallHint =
    "No Vulkan driver found. Install one: `apt-get install mesa-vulkan-drivers libvulkan1` for CPU rendering "
    "(lavapipe), or your GPU vendor's Vulkan driver (e.g. nvidia-driver, or mesa-vulkan-drivers for AMD/Intel).";

bool hasInstanceExtension(const char* name) {
    uint32_t n = 0;
    vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateInstanceExtensionProperties(nullptr, &n, ext.data());
    return std::any_of(ext.begin(), ext.end(), [&](auto& e) { return std::strcmp(e.extensionName, name) == 0; });
}

bool hasLayer(const char* name) {
    uint32_t n = 0;
    vkEnumerateInstanceLayerProperties(&n, nullptr);
    std::vector<VkLayerProperties> layers(n);
    vkEnumerateInstanceLayerProperties(&n, layers.data());
    return std::any_of(layers.begin(), layers.end(), [&](auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

const char* typeName(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

int typeRank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_OTHER: return 3;
        default: return 4;  // CPU (lavapipe) last
    }
}

std::vector<VkPhysicalDevice> physicalDevices(VkInstance instance) {
    uint32_t n = 0;
    vkEnumeratePhysicalDevices(instance, &n, nullptr);
    std::vector<VkPhysicalDevice> devices(n);
    if (n) vkEnumeratePhysicalDevices(instance, &n, devices.data());
    return devices;
}

std::string listForMessage(const std::vector<DeviceInfo>& devices) {
    std::ostringstream s;
    for (auto& d : devices) s << "\n  " << d.index << ": " << d.name << " (" << d.type << ")";
    return s.str();
}

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    std::string prefix = severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error: " : "warning: ";
    static_cast<Context*>(user)->addValidationMessage(prefix + (data->pMessage ? data->pMessage : ""));
    return VK_FALSE;
}

}  // namespace

VkInstance createInstance(bool validation, bool* portabilityOut) {
    uint32_t loaderVersion = 0;
    // No loader at all shows up as a missing symbol at link time; a loader without drivers fails here.
    if (vkEnumerateInstanceVersion(&loaderVersion) != VK_SUCCESS) throw std::runtime_error(kInstallHint);

    std::vector<const char*> extensions, layers;
    bool portability = hasInstanceExtension(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
    if (portability) extensions.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
    if (validation) {
        if (!hasLayer("VK_LAYER_KHRONOS_validation"))
            throw std::runtime_error(
                "Vulkan validation was requested but VK_LAYER_KHRONOS_validation is not installed: "
                "`apt-get install vulkan-validationlayers` (Debian/Ubuntu), or the Vulkan SDK.");
        layers.push_back("VK_LAYER_KHRONOS_validation");
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "synthgen";
    app.apiVersion = VK_API_VERSION_1_2;
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    ci.flags = portability ? VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR : 0;
    ci.enabledExtensionCount = uint32_t(extensions.size());
    ci.ppEnabledExtensionNames = extensions.data();
    ci.enabledLayerCount = uint32_t(layers.size());
    ci.ppEnabledLayerNames = layers.data();
    VkInstance instance = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&ci, nullptr, &instance);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER || r == VK_ERROR_INITIALIZATION_FAILED) throw std::runtime_error(kInstallHint);
    check(r, "vkCreateInstance");
    if (portabilityOut) *portabilityOut = portability;
    return instance;
}

std::vector<DeviceInfo> describeDevices(VkInstance instance) {
    std::vector<DeviceInfo> out;
    auto devices = physicalDevices(instance);
    for (size_t i = 0; i < devices.size(); ++i) {
        VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
        VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
        props.pNext = &driver;
        vkGetPhysicalDeviceProperties2(devices[i], &props);
        auto& p = props.properties;
        DeviceInfo d;
        d.index = int(i);
        d.name = p.deviceName;
        d.type = typeName(p.deviceType);
        d.apiVersion = std::to_string(VK_API_VERSION_MAJOR(p.apiVersion)) + "." + std::to_string(VK_API_VERSION_MINOR(p.apiVersion)) +
                       "." + std::to_string(VK_API_VERSION_PATCH(p.apiVersion));
        d.driver = std::string(driver.driverName) + " " + driver.driverInfo;
        out.push_back(d);
    }
    return out;
}

Context::Context(const RendererOptions& options) {
    instance = createInstance(options.validation);
    try {
        if (options.validation) {
            VkDebugUtilsMessengerCreateInfoEXT mi{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
            mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
            mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                             VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
            mi.pfnUserCallback = onDebugMessage;
            mi.pUserData = this;
            auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
                vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
            check(create(instance, &mi, nullptr, &messenger_), "vkCreateDebugUtilsMessengerEXT");
        }

        // Pick the device: explicit index or name substring, else the best type.
        auto devices = physicalDevices(instance);
        auto infos = describeDevices(instance);
        if (devices.empty()) throw std::runtime_error(std::string("Vulkan found no device. ") + kInstallHint);
        int chosen = -1;
        const std::string& want = options.device;
        if (!want.empty()) {
            bool isIndex = std::all_of(want.begin(), want.end(), [](unsigned char c) { return std::isdigit(c); });
            for (auto& d : infos) {
                if (isIndex ? std::to_string(d.index) == want : asciiLower(d.name).find(asciiLower(want)) != std::string::npos) {
                    chosen = d.index;
                    break;
                }
            }
            if (chosen < 0)
                throw std::runtime_error("No Vulkan device matches --device '" + want +
                                         "' (give an index or part of a name). Available devices:" + listForMessage(infos));
        } else {
            int bestRank = 1 << 30;
            for (size_t i = 0; i < devices.size(); ++i) {
                VkPhysicalDeviceProperties p;
                vkGetPhysicalDeviceProperties(devices[i], &p);
                if (VK_API_VERSION_MINOR(p.apiVersion) < 2 && VK_API_VERSION_MAJOR(p.apiVersion) == 1) continue;
                int rank = typeRank(p.deviceType);
                if (rank < bestRank) bestRank = rank, chosen = int(i);
            }
            if (chosen < 0) throw std::runtime_error("No Vulkan 1.2 device found. Available devices:" + listForMessage(infos));
        }
        physicalDevice = devices[chosen];
        info = infos[chosen];
        vkGetPhysicalDeviceProperties(physicalDevice, &properties);
        vkGetPhysicalDeviceMemoryProperties(physicalDevice, &memory);

        uint32_t nq = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &nq, nullptr);
        std::vector<VkQueueFamilyProperties> families(nq);
        vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &nq, families.data());
        queueFamily = UINT32_MAX;
        for (uint32_t i = 0; i < nq; ++i)
            if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
                queueFamily = i;
                break;
            }
        if (queueFamily == UINT32_MAX) throw std::runtime_error("Vulkan device '" + info.name + "' has no graphics queue");

        // A portability (e.g. MoltenVK) device must get VK_KHR_portability_subset enabled.
        uint32_t ne = 0;
        vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &ne, nullptr);
        std::vector<VkExtensionProperties> devExt(ne);
        vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &ne, devExt.data());
        std::vector<const char*> extensions;
        for (auto& e : devExt)
            if (std::strcmp(e.extensionName, "VK_KHR_portability_subset") == 0) extensions.push_back("VK_KHR_portability_subset");

        float priority = 1.0f;
        VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
        qi.queueFamilyIndex = queueFamily;
        qi.queueCount = 1;
        qi.pQueuePriorities = &priority;
        VkPhysicalDeviceFeatures features{};
        VkDeviceCreateInfo di{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
        di.queueCreateInfoCount = 1;
        di.pQueueCreateInfos = &qi;
        di.pEnabledFeatures = &features;
        di.enabledExtensionCount = uint32_t(extensions.size());
        di.ppEnabledExtensionNames = extensions.data();
        check(vkCreateDevice(physicalDevice, &di, nullptr, &device), "vkCreateDevice");
        vkGetDeviceQueue(device, queueFamily, 0, &queue);
    } catch (...) {
        release();
        throw;
    }
}

Context::~Context() { release(); }

void Context::release() {
    if (device) vkDestroyDevice(device, nullptr);
    device = VK_NULL_HANDLE;
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
        destroy(instance, messenger_, nullptr);
        messenger_ = VK_NULL_HANDLE;
    }
    if (instance) vkDestroyInstance(instance, nullptr);
    instance = VK_NULL_HANDLE;
}

std::vector<std::string> Context::validationMessages() const {
    std::lock_guard lock(messagesMutex_);
    return messages_;
}

void Context::addValidationMessage(std::string message) {
    std::lock_guard lock(messagesMutex_);
    if (messages_.size() < 1000) messages_.push_back(std::move(message));
}

}  // namespace sg::vk
