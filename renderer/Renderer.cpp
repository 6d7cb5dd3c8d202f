#include "renderer/Renderer.h"

#include "renderer/Context.h"
#include "renderer/DefectShading.h"
#include "renderer/EnvironmentLighting.h"
#include "renderer/FrameTargets.h"
#include "renderer/FrustumCulling.h"
#include "renderer/GpuCache.h"
#include "renderer/MipChain.h"
#include "renderer/Pipelines.h"
#include "renderer/PixelFilter.h"
#include "renderer/Readback.h"
#include "renderer/ShaderTypes.h"
#include "renderer/BounceLight.h"
#include "renderer/EnvironmentBrdf.h"
#include "renderer/Shadows.h"

#include <glm/gtc/packing.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace sg {

using namespace vk;

namespace {

// Shadow-map side: the largest power of two not above the frame's longer side, within
// [512, 2048]: about one texel per output pixel across a fitted view (640x480 -> 512, 1080p -> 1024,
// 4K -> 2048). A 1024² map for a 640x480 frame cost about 4 ms of CPU per frame on lavapipe for
// detail the frame cannot show.
uint32_t shadowResolutionFor(uint32_t width, uint32_t height) {
    uint32_t side = 512;
    while (side * 2 <= std::max(width, height) && side < 2048) side *= 2;
    return side;
}

// World -> Vulkan clip for an OpenCV camera. OpenCV pixel u sits at framebuffer coordinate u + 0.5,
// and both frames have y down, so x_ndc = (2 (fx X/Z + cx + 0.5) / W) - 1, likewise for y.
// Depth is reversed (near -> 1, far -> 0) for float precision: d = a + b / Z.
glm::dmat4 cameraProjection(const Intrinsics& K) {
    ReversedZ z = ReversedZ::fromNearFar(K.znear, K.zfar);
    glm::dmat4 p(0.0);
    p[0][0] = 2.0 * K.fx / K.width;
    p[2][0] = 2.0 * (K.cx + 0.5) / K.width - 1.0;
    p[1][1] = 2.0 * K.fy / K.height;
    p[2][1] = 2.0 * (K.cy + 0.5) / K.height - 1.0;
    p[2][2] = z.a;
    p[3][2] = z.b;
    p[2][3] = 1.0;
    return p;
}

UniqueSampler makeSampler(const Context& ctx, VkFilter filter, VkSamplerAddressMode u, VkSamplerAddressMode v, bool compare = false,
                          VkBorderColor border = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE, bool blendMips = true) {
    VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    si.magFilter = si.minFilter = filter;
    si.mipmapMode = compare || !blendMips ? VK_SAMPLER_MIPMAP_MODE_NEAREST : VK_SAMPLER_MIPMAP_MODE_LINEAR;
    si.addressModeU = u;
    si.addressModeV = v;
    si.addressModeW = v;
    si.maxLod = compare ? 0.0f : VK_LOD_CLAMP_NONE;
    si.compareEnable = compare;
    si.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
    si.borderColor = border;
    VkSampler s;
    check(vkCreateSampler(ctx.device, &si, nullptr, &s), "vkCreateSampler");
    return UniqueSampler(ctx.device, s);
}

std::shared_ptr<const Texture> solidTexture(uint8_t r, uint8_t g, uint8_t b, uint8_t a, const char* name) {
    auto t = std::make_shared<Texture>();
    t->source = name;
    t->image = ImageU8(1, 1, 4);
    t->image.pixels = {r, g, b, a};
    return t;
}

glm::vec4 vec4Of(const glm::dvec3& v, float w) { return glm::vec4(glm::vec3(v), w); }

// Same as toneMapPbrNeutral in shaders/common.glsl (Khronos PBR Neutral), for clear colors.
glm::vec3 toneMapPbrNeutral(glm::vec3 color) {
    const float startCompression = 0.8f - 0.04f, desaturation = 0.15f;
    float x = std::min(color.r, std::min(color.g, color.b));
    float offset = x < 0.08f ? x - 6.25f * x * x : 0.04f;
    color -= offset;
    float peak = std::max(color.r, std::max(color.g, color.b));
    if (peak < startCompression) return glm::clamp(color, 0.0f, 1.0f);
    const float d = 1.0f - startCompression;
    float newPeak = 1.0f - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0f - 1.0f / (desaturation * (peak - newPeak) + 1.0f);
    return glm::clamp(glm::mix(color, glm::vec3(newPeak), g), 0.0f, 1.0f);
}

struct Draw {
    uint32_t object = 0;
    const GpuMesh* mesh = nullptr;
    VkDescriptorSet material = VK_NULL_HANDLE;
    ObjectPush push{};
    glm::dmat4 partToWorld{1.0};
    bool castsShadows = true;
    glm::vec4 diffuseAlbedo{0.0f};  // the material's on average (texture means), for the bounce light's map
    // Culling halves the triangle work. Built-in primitives (closed, consistently wound) with
    // single-sided materials get it in every pass; closed loaded meshes (enclosure) only in the
    // camera's, and only seen from outside (variant.cullBackFaces, cameraSeesOnlyOutside): a light
    // may sit inside one. Other loaded meshes may have any winding.
    bool cullBackFaces = false;
    bool mirrored = false;  // the transform's determinant is negative: the rasterizer sees the winding reversed
    // Loaded meshes: always. Built-in primitives: only for frames with sky-visibility views.
    MeshEnclosure enclosure = MeshEnclosure::Open;
    // Some of its bounding box lies in the camera's clip volume: the camera's passes skip it otherwise.
    bool inCameraView = true;
    ShaderVariant variant;
    double cameraDepth = 0;
};

void checkIntrinsics(const Intrinsics& K) {
    auto bad = [](double v) { return !std::isfinite(v) || v <= 0; };
    if (K.width <= 0 || K.height <= 0 || K.width > 16384 || K.height > 16384)
        throw std::runtime_error("renderer: camera resolution " + std::to_string(K.width) + "x" + std::to_string(K.height) +
                                 " is outside 1..16384");
    if (bad(K.fx) || bad(K.fy) || !std::isfinite(K.cx) || !std::isfinite(K.cy) || bad(K.znear) || !(K.zfar > K.znear))
        throw std::runtime_error("renderer: camera intrinsics need fx, fy > 0, finite cx, cy and 0 < znear < zfar");
}

// The frame's draws, nearest first, and the world-space bounds of everything drawn.
struct DrawList {
    std::vector<Draw> draws;
    glm::dvec3 sceneMin{0.0}, sceneMax{0.0};
    DefectTable defects;  // the scene's defects, per object (renderer/DefectShading.h)
};

// Corner `corner` (0..7, one bit per axis) of the box [lo, hi].
glm::dvec3 boxCorner(const glm::vec3& lo, const glm::vec3& hi, int corner) {
    return glm::dvec3((corner & 1) ? hi.x : lo.x, (corner & 2) ? hi.y : lo.y, (corner & 4) ? hi.z : lo.z);
}

// The world-space box around a mesh's bounds under `partToWorld`.
std::pair<glm::dvec3, glm::dvec3> worldBounds(const GpuMesh& mesh, const glm::dmat4& partToWorld) {
    glm::dvec3 lo(std::numeric_limits<double>::max()), hi(-std::numeric_limits<double>::max());
    for (int corner = 0; corner < 8; ++corner) {
        glm::dvec3 w = glm::dvec3(partToWorld * glm::dvec4(boxCorner(mesh.boundsMin, mesh.boundsMax, corner), 1.0));
        lo = glm::min(lo, w);
        hi = glm::max(hi, w);
    }
    return {lo, hi};
}

// The farthest the near plane's rectangle reaches from the camera centre.
double nearPlaneReach(const Intrinsics& K) {
    double u = (std::max(K.cx, K.width - K.cx) + 0.5) / K.fx, v = (std::max(K.cy, K.height - K.cy) + 0.5) / K.fy;
    return K.znear * std::sqrt(1.0 + u * u + v * v);
}

// Whether a camera at `eye` whose near plane reaches `nearReach` from it sees only the outside of a
// closed mesh: its near plane stays outside the mesh's world bounding box. Then the mesh's back
// faces are all hidden behind its front faces, and culling them changes no pixel but the ties at its
// silhouette; from inside (a room modelled as a closed box) or with the near plane cutting into it,
// the back faces are what the camera sees.
bool cameraSeesOnlyOutside(const glm::dvec3& eye, double nearReach, const glm::dvec3& worldMin, const glm::dvec3& worldMax) {
    glm::dvec3 outside = glm::max(worldMin - eye, eye - worldMax);  // > 0 along axes where the eye is outside
    return glm::length(glm::max(outside, glm::dvec3(0.0))) > nearReach;
}

void setViewport(VkCommandBuffer cmd, uint32_t w, uint32_t h) {
    VkViewport vp{0.0f, 0.0f, float(w), float(h), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, {w, h}};
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void beginRenderPass(VkCommandBuffer cmd, VkRenderPass pass, VkFramebuffer framebuffer, uint32_t w, uint32_t h,
                     const VkClearValue* clears, uint32_t clearCount) {
    VkRenderPassBeginInfo rp{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rp.renderPass = pass;
    rp.framebuffer = framebuffer;
    rp.renderArea = {{0, 0}, {w, h}};
    rp.clearValueCount = clearCount;
    rp.pClearValues = clears;
    vkCmdBeginRenderPass(cmd, &rp, VK_SUBPASS_CONTENTS_INLINE);
}

void drawMesh(VkCommandBuffer cmd, const GpuMesh& m) {
    VkDeviceSize offset = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, m.vertices.buffer.ptr(), &offset);
    vkCmdBindIndexBuffer(cmd, m.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
    vkCmdDrawIndexed(cmd, m.indexCount, 1, 0, 0, 0);
}

void copyImageToBuffer(VkCommandBuffer cmd, const vk::Image& img, VkImageAspectFlags aspect, VkDeviceSize offset, VkBuffer dst,
                       uint32_t w, uint32_t h) {
    VkBufferImageCopy r{};
    r.bufferOffset = offset;
    r.imageSubresource = {aspect, 0, 0, 1};
    r.imageExtent = {w, h, 1};
    vkCmdCopyImageToBuffer(cmd, img.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst, 1, &r);
}

}  // namespace

struct Renderer::Impl {
    // Declaration order is destruction order in reverse: the context goes last.
    Context ctx;
    Pipelines pipes;
    UniqueCommandPool commandPool;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    UniqueFence fence;
    UniqueSampler textureSampler, environmentSampler, shadowSampler, backgroundSampler, bounceSampler;

    GpuCache cache;
    // Default textures stand in for absent ones (white, flat normal); kept alive here.
    std::shared_ptr<const Texture> white = solidTexture(255, 255, 255, 255, "<white>");
    std::shared_ptr<const Texture> flatNormal = solidTexture(128, 128, 255, 255, "<flat normal>");
    Material defaultMaterial;

    // Environment and background images, cached by identity like meshes.
    std::weak_ptr<const ImageF32> environmentSource;
    vk::Image environmentImage;
    IrradianceSh environmentSh{};
    std::weak_ptr<const ImageU8> backgroundSource;
    vk::Image backgroundImage;
    vk::Image blackImage;            // bound where no environment/background image exists
    vk::Image environmentBrdfImage;  // renderer/EnvironmentBrdf.h, made on the first frame

    Buffer frameUniforms;
    Buffer defectRecords;  // the frame's defects (storage buffer, set 0 binding 4); never empty
    size_t defectCapacity = 0;
    Buffer materialUniforms;
    VkDeviceSize materialStride = 0;
    uint32_t materialCapacity = 0;
    UniqueDescriptorPool framePool;  // holds the one frame set
    VkDescriptorSet frameSet = VK_NULL_HANDLE;
    UniqueDescriptorPool materialPool;  // reset every frame
    uint32_t materialPoolCapacity = 0;

    // Read color, ids and normals in place (CPU devices): see MainTargets::hostMapped.
    bool hostMappedTargets = false;
    MainTargets main;
    AntialiasTargets antialias;  // only once a frame asks for anti-aliased RGB
    ShadowTargets shadows;
    BounceTargets bounce;                  // only once a frame gathers bounce light
    IndirectGatherTargets indirectGather;  // only once a frame gathers indirect light at a fraction of the resolution
    SilhouetteTargets silhouettes;
    std::vector<VkRect2D> objectRects;  // per object: the region its amodal pass covered (empty: none)
    uint64_t frames = 0;

    explicit Impl(const RendererOptions& options) : ctx(options), pipes(createPipelines(ctx)) {
        // On a GPU, linear render targets in host memory would be slow where they exist at all.
        const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        hostMappedTargets = !options.readbackCopies && ctx.info.type == "cpu" &&
                            supportsHostMappedAttachment(ctx, kColorFormat, usage) &&
                            supportsHostMappedAttachment(ctx, kInstanceFormat, usage) &&
                            supportsHostMappedAttachment(ctx, kNormalFormat, usage);
        VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
        pi.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
        pi.queueFamilyIndex = ctx.queueFamily;
        VkCommandPool pool;
        check(vkCreateCommandPool(ctx.device, &pi, nullptr, &pool), "vkCreateCommandPool");
        commandPool = UniqueCommandPool(ctx.device, pool);
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = commandPool;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        check(vkAllocateCommandBuffers(ctx.device, &ai, &cmd), "vkAllocateCommandBuffers");
        VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        VkFence f;
        check(vkCreateFence(ctx.device, &fi, nullptr, &f), "vkCreateFence");
        fence = UniqueFence(ctx.device, f);

        textureSampler = makeSampler(ctx, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_REPEAT, VK_SAMPLER_ADDRESS_MODE_REPEAT);
        // Equirectangular maps wrap around in longitude but not across the poles.
        environmentSampler = makeSampler(ctx, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_REPEAT, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE);
        backgroundSampler = makeSampler(ctx, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                        VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE);
        VkFormatProperties shadowProps;
        vkGetPhysicalDeviceFormatProperties(ctx.physicalDevice, kShadowFormat, &shadowProps);
        bool linearShadows = shadowProps.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
        shadowSampler = makeSampler(ctx, linearShadows ? VK_FILTER_LINEAR : VK_FILTER_NEAREST, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER,
                                    VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER, true);
        // The bounce map is read bilinearly from one whole mip level per tap (BouncePlan: each tap's level
        // is the same at every pixel, so blending two levels would buy nothing but twice the reads);
        // outside it there is nothing (coverage 0).
        bounceSampler = makeSampler(ctx, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER,
                                    VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER, false, VK_BORDER_COLOR_FLOAT_TRANSPARENT_BLACK, false);

        frameUniforms = createBuffer(ctx, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, MemoryUse::Upload);
        VkDeviceSize align = ctx.properties.limits.minUniformBufferOffsetAlignment;
        materialStride = (sizeof(MaterialUniforms) + align - 1) / align * align;

        VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1},
                                        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 8},
                                        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1}};
        VkDescriptorPoolCreateInfo dp{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        dp.maxSets = 1;
        dp.poolSizeCount = 3;
        dp.pPoolSizes = sizes;
        VkDescriptorPool p;
        check(vkCreateDescriptorPool(ctx.device, &dp, nullptr, &p), "vkCreateDescriptorPool");
        framePool = UniqueDescriptorPool(ctx.device, p);
        frameSet = allocateDescriptorSet(ctx, framePool, pipes.frameSetLayout);
    }

    ~Impl() {
        if (ctx.device) vkDeviceWaitIdle(ctx.device);
    }

    // ---- per-frame resources that persist ----

    void ensureMaterialCapacity(uint32_t count) {
        if (count > materialCapacity) {
            materialCapacity = std::max(count, std::max(64u, materialCapacity * 2));
            materialUniforms = createBuffer(ctx, materialStride * materialCapacity, VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                            MemoryUse::Upload);
        }
        if (count > materialPoolCapacity || !materialPool) {
            materialPoolCapacity = std::max(count, std::max(64u, materialPoolCapacity * 2));
            VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, materialPoolCapacity},
                                            {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 5 * materialPoolCapacity}};
            VkDescriptorPoolCreateInfo dp{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
            dp.maxSets = materialPoolCapacity;
            dp.poolSizeCount = 2;
            dp.pPoolSizes = sizes;
            VkDescriptorPool p;
            check(vkCreateDescriptorPool(ctx.device, &dp, nullptr, &p), "vkCreateDescriptorPool");
            materialPool = UniqueDescriptorPool(ctx.device, p);
        } else {
            check(vkResetDescriptorPool(ctx.device, materialPool, 0), "vkResetDescriptorPool");
        }
    }

    void ensureEnvironment(const Environment& env, Uploader& up) {
        if (!blackImage.image) {
            std::vector<std::vector<uint8_t>> level(1, std::vector<uint8_t>(8, 0));
            blackImage = up.image(level, 1, 1, VK_FORMAT_R16G16B16A16_SFLOAT);
        }
        if (!environmentBrdfImage.image) environmentBrdfImage = uploadEnvironmentBrdf(up);
        if (env.image) {
            auto locked = environmentSource.lock();
            if (locked != env.image) {
                const ImageF32& src = *env.image;
                if (src.width <= 0 || src.height <= 0 || src.channels < 3 || src.pixels.size() != src.pixelCount() * src.channels)
                    throw std::runtime_error("renderer: environment image must be a non-empty 3-channel float image");
                std::vector<float> rgba(src.pixelCount() * 4);
                for (size_t i = 0; i < src.pixelCount(); ++i) {
                    for (int c = 0; c < 3; ++c) rgba[4 * i + c] = std::clamp(src.pixels[i * src.channels + c], 0.0f, 65000.0f);
                    rgba[4 * i + 3] = 1.0f;
                }
                auto levels = mipChainRgba32f(rgba.data(), src.width, src.height);
                // Half floats: filterable everywhere and plenty for radiance.
                for (auto& level : levels) {
                    std::vector<uint8_t> halves(level.size() / 2);
                    auto* f = reinterpret_cast<const float*>(level.data());
                    auto* h = reinterpret_cast<uint16_t*>(halves.data());
                    for (size_t i = 0; i < level.size() / 4; ++i) h[i] = glm::packHalf1x16(f[i]);
                    level = std::move(halves);
                }
                environmentImage = up.image(levels, uint32_t(src.width), uint32_t(src.height), VK_FORMAT_R16G16B16A16_SFLOAT);
                environmentSh = irradianceShEquirect(src);
                environmentSource = env.image;
            }
        } else {
            environmentImage = vk::Image{};
            environmentSource.reset();
        }
        if (env.background) {
            auto locked = backgroundSource.lock();
            if (locked != env.background) {
                const ImageU8& src = *env.background;
                if (src.width <= 0 || src.height <= 0 || (src.channels != 3 && src.channels != 4) ||
                    src.pixels.size() != src.pixelCount() * src.channels)
                    throw std::runtime_error("renderer: background image must be a non-empty 3- or 4-channel 8-bit image");
                std::vector<uint8_t> rgba(src.pixelCount() * 4, 255);
                for (size_t i = 0; i < src.pixelCount(); ++i)
                    for (int c = 0; c < 3; ++c) rgba[4 * i + c] = src.pixels[i * src.channels + c];
                backgroundImage = up.image(mipChainRgba8(rgba.data(), src.width, src.height, true), uint32_t(src.width),
                                           uint32_t(src.height), VK_FORMAT_R8G8B8A8_SRGB);
                backgroundSource = env.background;
            }
        } else {
            backgroundImage = vk::Image{};
            backgroundSource.reset();
        }
    }

    // The split-sum table (renderer/EnvironmentBrdf.h) as half floats: linear filtering of
    // two-channel 32-bit floats is optional in Vulkan.
    static vk::Image uploadEnvironmentBrdf(Uploader& up) {
        std::vector<glm::vec2> table = environmentBrdfTable();
        std::vector<std::vector<uint8_t>> level(1, std::vector<uint8_t>(table.size() * 4));
        for (size_t i = 0; i < table.size(); ++i) {
            uint32_t packed = glm::packHalf2x16(table[i]);
            std::memcpy(level[0].data() + 4 * i, &packed, 4);
        }
        return up.image(level, kEnvironmentBrdfSide, kEnvironmentBrdfSide, VK_FORMAT_R16G16_SFLOAT);
    }

    void ensureShadowTargets(uint32_t layers, uint32_t resolution) {
        if (shadows.layers >= layers && shadows.resolution == resolution && shadows.depth.image) return;
        shadows = createShadowTargets(ctx, pipes, resolution, std::max(layers, 1u));
    }

    VkDescriptorSet materialSet(const Material& m, uint32_t slot, Uploader& up) {
        MaterialUniforms u{};
        u.baseColor = m.baseColor;
        u.emissive = glm::vec4(m.emissive, m.normalScale);
        u.params = glm::vec4(m.metallic, m.roughness, m.occlusionStrength, m.normalTexture ? 1.0f : 0.0f);
        u.hasTexture = glm::vec4(m.baseColorTexture ? 1 : 0, m.metallicRoughnessTexture ? 1 : 0, m.emissiveTexture ? 1 : 0,
                                 m.occlusionTexture ? 1 : 0);
        std::memcpy(static_cast<uint8_t*>(materialUniforms.mapped) + slot * materialStride, &u, sizeof(u));

        VkDescriptorSet set = allocateDescriptorSet(ctx, materialPool, pipes.materialSetLayout);

        auto view = [&](const std::shared_ptr<const Texture>& t, bool srgb, const std::shared_ptr<const Texture>& fallback) {
            return cache.texture(t ? t : fallback, srgb, up).image.view.get();
        };
        VkDescriptorImageInfo images[5] = {
            {textureSampler, view(m.baseColorTexture, true, white), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {textureSampler, view(m.metallicRoughnessTexture, false, white), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {textureSampler, view(m.normalTexture, false, flatNormal), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {textureSampler, view(m.emissiveTexture, true, white), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {textureSampler, view(m.occlusionTexture, false, white), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        };
        VkDescriptorBufferInfo buffer{materialUniforms.buffer, slot * materialStride, sizeof(MaterialUniforms)};
        VkWriteDescriptorSet writes[2] = {bufferWrite(set, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &buffer),
                                          imageWrite(set, 1, 5, images)};
        vkUpdateDescriptorSets(ctx.device, 2, writes, 0, nullptr);
        return set;
    }

    // Copies the frame's defect records into the storage buffer, growing it when needed.
    void uploadDefects(const DefectTable& table) {
        size_t needed = std::max<size_t>(table.records.size(), 1);
        if (needed > defectCapacity) {
            defectCapacity = std::max(needed, std::max<size_t>(16, defectCapacity * 2));
            defectRecords = createBuffer(ctx, defectCapacity * sizeof(DefectGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                         MemoryUse::Upload);
        }
        if (!table.records.empty()) std::memcpy(defectRecords.mapped, table.records.data(), table.records.size() * sizeof(DefectGpu));
    }

    void updateFrameSet() {
        VkDescriptorBufferInfo buffer{frameUniforms.buffer, 0, sizeof(FrameUniforms)};
        VkDescriptorImageInfo images[3] = {
            {shadowSampler, shadows.depth.view, VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL},
            {environmentSampler, environmentImage.image ? environmentImage.view.get() : blackImage.view.get(),
             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {backgroundSampler, backgroundImage.image ? backgroundImage.view.get() : blackImage.view.get(),
             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        };
        VkDescriptorBufferInfo defectInfo{defectRecords.buffer, 0, VK_WHOLE_SIZE};
        // Until a frame gathers bounce light the map does not exist; the black image stands in.
        const bool bounceMap = bounce.albedo.image != VK_NULL_HANDLE;
        VkDescriptorImageInfo bounceImages[2] = {
            {bounceSampler, bounceMap ? bounce.albedo.view.get() : blackImage.view.get(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {bounceSampler, bounceMap ? bounce.normalDepth.view.get() : blackImage.view.get(),
             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        };
        VkDescriptorImageInfo brdf{backgroundSampler, environmentBrdfImage.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        // Read by texelFetch: any sampler will do. The light as smoothed over each surface.
        const bool gathered = indirectGather.indirect.image != VK_NULL_HANDLE;
        VkDescriptorImageInfo gatheredImages[2] = {
            {bounceSampler, gathered ? indirectGather.smoothed.view.get() : blackImage.view.get(),
             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {bounceSampler, gathered ? indirectGather.surface.view.get() : blackImage.view.get(),
             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        };
        VkWriteDescriptorSet writes[6] = {
            bufferWrite(frameSet, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &buffer),
            imageWrite(frameSet, 1, 3, images),  // shadow maps, environment, background
            bufferWrite(frameSet, 4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &defectInfo),
            imageWrite(frameSet, 5, 2, bounceImages),
            imageWrite(frameSet, 7, 1, &brdf),  // linear, clamped to the edge
            imageWrite(frameSet, 8, 2, gatheredImages),
        };
        vkUpdateDescriptorSets(ctx.device, 6, writes, 0, nullptr);
    }

    // ---- one frame, in the order render() runs the steps ----

    void render(const Scene& scene, const RenderSettings& settings, FrameBuffers& out);
    void beginFrame(uint32_t width, uint32_t height);
    DrawList buildDrawList(const Scene& scene, bool skyViews, Uploader& up);
    void prepareShadowTargets(const ShadowPlan& plan, uint32_t shadowResolution);
    ShaderVariant frameShaderVariant(const Scene& scene, const RenderSettings& settings, const ShadowPlan& plan,
                                     const BouncePlan& bouncePlan, bool indirectGathered, std::vector<Draw>& draws) const;
    void writeFrameUniforms(const Scene& scene, const RenderSettings& settings, const ShadowPlan& plan, const BouncePlan& bouncePlan,
                            uint32_t shadowResolution, int indirectDownsample);
    void uploadsBeforeDraws(const Uploader& up);
    void recordShadowPasses(const std::vector<Draw>& draws, const ShadowPlan& plan, uint32_t shadowResolution);
    VkPipeline shadowPipeline(const Draw& d, bool skyView) const;
    void recordBouncePass(const std::vector<Draw>& draws, const BouncePlan& bouncePlan);
    void recordBounceView(const std::vector<Draw>& draws, const glm::mat4& worldToClip, const glm::vec4& towardsLightOrFace);
    void prepareIndirectGatherTargets(uint32_t W, uint32_t H, int downsample);
    void recordIndirectGatherPass(const Scene& scene, const std::vector<Draw>& draws, int downsample);
    void recordIndirectSmoothPass(const Scene& scene, int downsample);
    void recordMainPass(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant, bool colourReplaced);
    void recordAntialiasedColorPass(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant,
                                    VkSampleCountFlagBits samples);
    void recordSceneDraws(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant,
                          VkSampleCountFlagBits samples, bool unlit = false);
    void recordReadbackCopies(uint32_t width, uint32_t height, bool normals);
    void findAmodalRects(const Scene& scene, const std::vector<Draw>& draws, uint32_t defectCount);
    void recordAmodalPasses(const std::vector<Draw>& draws, uint32_t width, uint32_t height);
    static constexpr uint32_t kWholePart = ~0u;
    void recordSilhouettePass(uint32_t slot, uint32_t object, uint32_t defect, const std::vector<Draw>& draws, uint32_t W, uint32_t H);
    void submitAndWait();
    void recordDefectSilhouettes(const DefectTable& defects, const std::vector<Draw>& draws, uint32_t objectCount, uint32_t W,
                                 uint32_t H);
};

namespace {

// Points the draw at its object's defects (push constants) and picks the shader variant that has them.
void attachDefects(const DefectTable& defects, Draw& d) {
    if (defects.empty() || defects.count[d.object] == 0) return;
    d.push.ids.y = defects.first[d.object];
    d.push.ids.z = defects.count[d.object];
    d.variant.defects = true;
}

}  // namespace

// One command buffer, one submit, one fence wait: the steps of renderer/README.md "One frame".
void Renderer::Impl::render(const Scene& scene, const RenderSettings& settings, FrameBuffers& out) {
    const Intrinsics& K = scene.camera.intrinsics;
    checkIntrinsics(K);
    const uint32_t W = uint32_t(K.width), H = uint32_t(K.height);

    beginFrame(W, H);
    Uploader up(ctx, cmd);
    ensureEnvironment(scene.environment, up);
    DrawList list = buildDrawList(scene, settings.skyVisibilityViews > 0, up);

    const uint32_t shadowResolution = scaledShadowResolution(shadowResolutionFor(W, H), settings.shadowResolutionScale);
    ShadowBounds bounds = visibleShadowBounds(scene.camera, list.sceneMin, list.sceneMax);
    ShadowPlan plan = planShadows(scene.lights, bounds, int(shadowResolution), kMaxLights, kMaxShadowViews);
    if (settings.skyVisibilityViews > 0) addSkyViews(plan, bounds, settings.skyVisibilityViews, int(shadowResolution), {0, 0, 1});
    prepareShadowTargets(plan, shadowResolution);
    BouncePlan bouncePlan = planBounce(scene.lights, plan, settings.bounceSamples, settings.bounceRadius, list.sceneMin,
                                       list.sceneMax);
    if (bouncePlan.light >= 0 && bounce.framebuffers.empty()) bounce = createBounceTargets(ctx, pipes, kBounceMapSide, bounceSampler);
    const bool indirectLight = bouncePlan.light >= 0 || !plan.skyDirections.empty();
    const int indirectDownsample = indirectLight ? std::clamp(settings.indirectDownsample, 1, 16) : 1;
    if (indirectDownsample > 1) prepareIndirectGatherTargets(W, H, indirectDownsample);
    ShaderVariant frameVariant = frameShaderVariant(scene, settings, plan, bouncePlan, indirectDownsample > 1, list.draws);
    writeFrameUniforms(scene, settings, plan, bouncePlan, shadowResolution, indirectDownsample);
    uploadsBeforeDraws(up);

    recordShadowPasses(list.draws, plan, shadowResolution);
    if (bouncePlan.light >= 0) recordBouncePass(list.draws, bouncePlan);
    if (indirectDownsample > 1) {
        recordIndirectGatherPass(scene, list.draws, indirectDownsample);
        recordIndirectSmoothPass(scene, indirectDownsample);
    }
    const VkSampleCountFlagBits colorSamples = supportedColorSamples(ctx, settings.colorSamples);
    const bool antialiased = colorSamples != VK_SAMPLE_COUNT_1_BIT;
    recordMainPass(scene, list.draws, frameVariant, antialiased);
    if (antialiased) recordAntialiasedColorPass(scene, list.draws, frameVariant, colorSamples);
    recordReadbackCopies(W, H, settings.normals);
    const uint32_t objectCount = uint32_t(scene.objects.size());
    if (settings.amodalMasks && objectCount > 0) {
        findAmodalRects(scene, list.draws, uint32_t(list.defects.records.size()));
        recordAmodalPasses(list.draws, W, H);
        recordDefectSilhouettes(list.defects, list.draws, objectCount, W, H);
    }
    submitAndWait();

    readMainTargets(main, ReversedZ::fromNearFar(K.znear, K.zfar), settings.normals, out);
    applyGaussianPixelFilter(out.rgb, settings.pixelFilterSigma);
    splitDefectIds(list.defects, out);
    out.amodal.clear();
    if (settings.amodalMasks)
        for (uint32_t i = 0; i < objectCount; ++i) out.amodal.push_back(readSilhouette(silhouettes, i, objectRects[i]));
    out.defectAmodal.clear();
    if (settings.amodalMasks && objectCount > 0)
        for (uint32_t k = 0; k < list.defects.records.size(); ++k)
            out.defectAmodal.push_back(readSilhouette(silhouettes, objectCount + k, objectRects[list.defects.objects[k]]));
}

// Step 1: drop GPU copies whose source is gone, size the targets, start the command buffer.
void Renderer::Impl::beginFrame(uint32_t W, uint32_t H) {
    // Nothing is in flight here (every frame waits for its fence), so expired GPU copies can go.
    cache.evictExpired();
    if (main.width != W || main.height != H) {
        antialias = AntialiasTargets{};  // its framebuffer resolves into the old main colour image
        main = createMainTargets(ctx, pipes, W, H, hostMappedTargets);
    }

    check(vkResetCommandPool(ctx.device, commandPool, 0), "vkResetCommandPool");
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    check(vkBeginCommandBuffer(cmd, &bi), "vkBeginCommandBuffer");
}

// Step 2: meshes and materials uploaded where new, per-draw push constants, nearest draw first.
DrawList Renderer::Impl::buildDrawList(const Scene& scene, bool skyViews, Uploader& up) {
    std::unordered_map<const Material*, uint32_t> materialSlots;
    for (auto& o : scene.objects)
        for (auto& p : o.parts) materialSlots.emplace(p.material ? p.material.get() : &defaultMaterial, 0);
    ensureMaterialCapacity(uint32_t(std::max<size_t>(materialSlots.size(), 1)));
    std::unordered_map<const Material*, VkDescriptorSet> materialSets;

    DrawList list;
    std::vector<Draw>& draws = list.draws;
    const glm::dvec3 eye = scene.camera.position();
    const double nearReach = nearPlaneReach(scene.camera.intrinsics);
    const glm::dmat4 worldToClip = cameraProjection(scene.camera.intrinsics) * scene.camera.worldToCamera;
    glm::dvec3 sceneMin(std::numeric_limits<double>::max()), sceneMax(-std::numeric_limits<double>::max());
    for (uint32_t i = 0; i < scene.objects.size(); ++i) {
        const Object& o = scene.objects[i];
        for (const MeshPart& part : o.parts) {
            if (!part.mesh) continue;
            Draw d;
            d.object = i;
            d.mesh = &cache.mesh(part.mesh, up);
            const Material& m = part.material ? *part.material : defaultMaterial;
            auto [it, inserted] = materialSets.emplace(&m, VK_NULL_HANDLE);
            if (inserted) it->second = materialSet(m, uint32_t(materialSets.size() - 1), up);
            d.material = it->second;
            d.partToWorld = o.modelToWorld * part.partToModel;
            glm::dmat3 normalMatrix = glm::transpose(glm::inverse(glm::dmat3(d.partToWorld)));
            d.push.modelToWorld = glm::mat4(d.partToWorld);
            for (int c = 0; c < 3; ++c) d.push.normalMatrix[c] = glm::vec4(glm::vec3(normalMatrix[c]), 0.0f);
            // A mirroring transform (negative determinant) reverses the winding the rasterizer sees:
            // the shaders flip their notion of front (ids.w), and culling is left off for it.
            d.mirrored = glm::determinant(glm::dmat3(d.partToWorld)) < 0.0;
            d.push.ids = glm::uvec4(i + 1, 0, 0, d.mirrored ? 1u : 0u);
            if (skyViews || !o.primitive) d.enclosure = cache.enclosure(part.mesh);
            d.castsShadows = o.castsShadows;
            glm::vec3 base = glm::vec3(m.baseColor);
            if (m.baseColorTexture) base *= glm::vec3(cache.texture(m.baseColorTexture, true, up).mean);
            d.diffuseAlbedo = glm::vec4(base * (1.0f - glm::clamp(m.metallic, 0.0f, 1.0f)), 1.0f);
            d.cullBackFaces = o.primitive.has_value() && !m.doubleSided && !d.mirrored;
            d.variant.cullBackFaces = d.cullBackFaces;
            d.variant.baseColorTexture = bool(m.baseColorTexture);
            d.variant.metallicRoughnessTexture = bool(m.metallicRoughnessTexture);
            d.variant.normalTexture = bool(m.normalTexture);
            d.variant.emissiveTexture = bool(m.emissiveTexture);
            d.variant.occlusionTexture = bool(m.occlusionTexture);
            d.inCameraView = !outsideClipVolume(worldToClip * d.partToWorld, d.mesh->boundsMin, d.mesh->boundsMax);
            auto [partMin, partMax] = worldBounds(*d.mesh, d.partToWorld);
            sceneMin = glm::min(sceneMin, partMin);
            sceneMax = glm::max(sceneMax, partMax);
            // A closed loaded mesh seen from outside: its back faces would be rasterized, and on a
            // multisampled pass shaded, only to be hidden (bench/quality scene 1, high, 640x480: 154 -> 129 ms).
            // Primitives keep their rule, so labels never depend on whether a frame has sky views.
            if (!o.primitive && d.enclosure == MeshEnclosure::ClosedOutward && !d.mirrored &&
                cameraSeesOnlyOutside(eye, nearReach, partMin, partMax))
                d.variant.cullBackFaces = true;
            draws.push_back(d);
        }
    }
    if (draws.empty()) sceneMin = sceneMax = glm::dvec3(0.0);
    // Nearest first: hidden surfaces then fail the early depth test instead of being shaded.
    for (Draw& d : draws) {
        glm::dvec3 center = 0.5 * glm::dvec3(d.mesh->boundsMin + d.mesh->boundsMax);
        d.cameraDepth = (scene.camera.worldToCamera * d.partToWorld * glm::dvec4(center, 1.0)).z;
    }
    std::stable_sort(draws.begin(), draws.end(), [](const Draw& a, const Draw& b) { return a.cameraDepth < b.cameraDepth; });
    list.sceneMin = sceneMin;
    list.sceneMax = sceneMax;
    list.defects = buildDefectTable(scene);
    uploadDefects(list.defects);
    for (Draw& d : draws) attachDefects(list.defects, d);
    return list;
}

void Renderer::Impl::prepareShadowTargets(const ShadowPlan& plan, uint32_t shadowResolution) {
    ensureShadowTargets(uint32_t(plan.views.size()), shadowResolution);
    if (!shadows.initialized) {
        transition(cmd, shadows.depth.image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                   VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                   VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
        shadows.initialized = true;
    }
}

// Frame-wide parts of the shader variants, copied into every draw's variant.
ShaderVariant Renderer::Impl::frameShaderVariant(const Scene& scene, const RenderSettings& settings, const ShadowPlan& plan,
                                                 const BouncePlan& bouncePlan, bool indirectGathered, std::vector<Draw>& draws) const {
    ShaderVariant frameVariant;
    frameVariant.lightCount = std::min<int>(int(scene.lights.size()), kMaxLights);
    frameVariant.shadows = !plan.views.empty();
    frameVariant.environmentImage = bool(scene.environment.image);
    frameVariant.backgroundPhoto = bool(scene.environment.background);
    frameVariant.shadowTaps = std::clamp(settings.shadowFilterTaps, 1, 16);
    frameVariant.skyVisibility = !plan.skyDirections.empty();
    frameVariant.burleyDiffuse = settings.burleyDiffuse;
    frameVariant.bounceLight = bouncePlan.light >= 0;
    frameVariant.indirectGathered = indirectGathered;
    for (Draw& d : draws) d.variant.takeFrameParts(frameVariant);
    return frameVariant;
}

void Renderer::Impl::writeFrameUniforms(const Scene& scene, const RenderSettings& settings, const ShadowPlan& plan,
                                        const BouncePlan& bouncePlan, uint32_t shadowResolution, int indirectDownsample) {
    const Intrinsics& K = scene.camera.intrinsics;
    FrameUniforms fu{};
    glm::dmat4 worldToCamera = scene.camera.worldToCamera;
    glm::dmat4 cameraToWorld = glm::inverse(worldToCamera);
    fu.viewProj = glm::mat4(cameraProjection(K) * worldToCamera);
    fu.worldToCamera = glm::mat4(worldToCamera);
    fu.cameraToWorld = glm::mat4(cameraToWorld);
    fu.cameraPosition = glm::vec4(glm::vec3(cameraToWorld[3]), 1.0f);
    fu.intrinsics = glm::vec4(float(K.fx), float(K.fy), float(K.cx), float(K.cy));
    const Environment& env = scene.environment;
    bool envImage = bool(env.image);
    fu.envParams = glm::vec4(env.rotation, 0.0f, envImage ? float(environmentImage.mipLevels - 1) : 0.0f, envImage ? 1.0f : 0.0f);
    fu.envColor = glm::vec4(env.color * env.intensity, 1.0f);
    fu.backgroundParams = glm::vec4(env.background ? 1.0f : 0.0f, 1.0f / float(shadowResolution), env.intensity, 0.0f);
    IrradianceSh sh = envImage ? environmentSh : irradianceShFlat(env.color);
    for (int i = 0; i < 9; ++i) fu.sh[i] = glm::vec4(sh[i] * env.intensity, 0.0f);
    int lightCount = std::min<int>(int(scene.lights.size()), kMaxLights);
    for (int i = 0; i < lightCount; ++i) {
        const Light& l = scene.lights[i];
        float type = l.type == LightType::Directional ? 0.0f : l.type == LightType::Point ? 1.0f : 2.0f;
        fu.lights[i].position = vec4Of(l.position, type);
        fu.lights[i].direction = vec4Of(glm::normalize(l.direction), 0.0f);
        fu.lights[i].color = glm::vec4(l.color * l.intensity, 0.0f);
        fu.lights[i].cone = glm::vec4(std::cos(l.innerConeAngle), std::cos(l.outerConeAngle), 0.0f, 0.0f);
        fu.lights[i].shadow = glm::vec4(float(plan.firstLayer[i]), float(plan.viewCount[i]), plan.depthBias[i], plan.normalOffset[i]);
    }
    fu.viewport = glm::vec4(float(K.width), float(K.height), scene.exposure, float(lightCount));
    for (size_t v = 0; v < plan.views.size(); ++v) fu.shadowMatrices[v] = plan.views[v];
    fu.sky = glm::vec4(float(plan.skyFirstLayer), float(plan.skyDirections.size()), plan.skyDepthBias, plan.skyNormalOffset);
    for (size_t i = 0; i < plan.skyDirections.size(); ++i) fu.skyDirections[i] = plan.skyDirections[i];
    fu.shadowFilter = glm::vec4(0.0f, std::max(settings.shadowFilterRadius, 0.0f), 0.0f, 0.0f);
    fu.shading = glm::vec4(std::max(settings.skyOcclusionDistance, 0.0f) * plan.skyDepthPerMetre, float(indirectDownsample), 0.0f,
                           0.0f);
    fu.bounceToLightClip = bouncePlan.worldToLightClip;
    fu.bounceFromLightClip = bouncePlan.lightClipToWorld;
    fu.bounce = glm::vec4(float(bouncePlan.taps.size()), float(std::max(bouncePlan.light, 0)),
                          bouncePlan.nearestEmitter * bouncePlan.nearestEmitter, bouncePlan.cubeAtlas ? 1.0f : 0.0f);
    fu.bounceColor = glm::vec4(bouncePlan.color, 0.0f);
    for (size_t i = 0; i < bouncePlan.taps.size(); ++i) fu.bounceTaps[i] = bouncePlan.taps[i];
    std::memcpy(frameUniforms.mapped, &fu, sizeof(fu));
    updateFrameSet();
}

// Uploads recorded so far must land before any vertex fetch or texture read.
void Renderer::Impl::uploadsBeforeDraws(const Uploader& up) {
    if (!up.recordedAny()) return;
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_INDEX_READ_BIT | VK_ACCESS_SHADER_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_VERTEX_INPUT_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 1, &mb, 0, nullptr, 0,
                         nullptr);
}

// Step 3: one depth pass per shadow view (only lights that cast shadows have views).
void Renderer::Impl::recordShadowPasses(const std::vector<Draw>& draws, const ShadowPlan& plan, uint32_t shadowResolution) {
    for (size_t v = 0; v < plan.views.size(); ++v) {
        VkClearValue clear{};
        clear.depthStencil = {1.0f, 0};
        VkRenderPassBeginInfo rp{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
        rp.renderPass = pipes.shadowPass;
        rp.framebuffer = shadows.framebuffers[v];
        rp.renderArea = {{0, 0}, {shadowResolution, shadowResolution}};
        rp.clearValueCount = 1;
        rp.pClearValues = &clear;
        vkCmdBeginRenderPass(cmd, &rp, VK_SUBPASS_CONTENTS_INLINE);
        setViewport(cmd, shadowResolution, shadowResolution);
        glm::dmat4 view(plan.views[v]);
        VkPipeline boundShadowPipeline = VK_NULL_HANDLE;
        for (const Draw& d : draws) {
            if (!d.castsShadows) continue;
            // A point light's cube face sees only part of the scene: most draws miss most faces.
            if (outsideClipVolume(view * d.partToWorld, d.mesh->boundsMin, d.mesh->boundsMax)) continue;
            VkPipeline pipeline = shadowPipeline(d, plan.skyFirstLayer >= 0 && int(v) >= plan.skyFirstLayer);
            if (pipeline != boundShadowPipeline) {
                vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
                boundShadowPipeline = pipeline;
            }
            ShadowPush push{glm::mat4(view * d.partToWorld)};
            vkCmdPushConstants(cmd, pipes.shadowLayout, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
            drawMesh(cmd, *d.mesh);
        }
        vkCmdEndRenderPass(cmd);
    }
}

// A light's view keeps every surface facing it (back faces of closed built-in shapes culled). A
// sky-visibility view keeps, of a closed mesh, only the surfaces facing away from the sky: the first
// ones a ray from a point below meets on its way up, so an occluder's distance is measured to its
// underside, not its top (renderer/README.md "Ambient occlusion"). Open meshes keep both sides.
VkPipeline Renderer::Impl::shadowPipeline(const Draw& d, bool skyView) const {
    if (!skyView || d.enclosure == MeshEnclosure::Open) return d.cullBackFaces ? pipes.shadowCulled.get() : pipes.shadow.get();
    const bool outwardOnScreen = (d.enclosure == MeshEnclosure::ClosedOutward) != d.mirrored;
    return outwardOnScreen ? pipes.shadowFrontCulled.get() : pipes.shadowCulled.get();
}

// Step 3b (bounce light only): the light's reflective shadow map, through a sun's shadow view or
// into the six faces of a point or spot light's cube atlas (renderer/BounceLight.h), then its mips.
void Renderer::Impl::recordBouncePass(const std::vector<Draw>& draws, const BouncePlan& bouncePlan) {
    VkClearValue clears[3]{};  // albedo 0: no surface, no bounce
    clears[2].depthStencil = {1.0f, 0};
    beginRenderPass(cmd, pipes.bouncePass, bounce.framebuffers[0], kBounceMapSide, kBounceMapSide, clears, 3);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.bounce);
    if (bouncePlan.cubeAtlas) {
        for (int f = 0; f < 6; ++f) {
            if (!bouncePlan.faceLit[size_t(f)]) continue;
            const float side = float(kBounceCubeFaceSide);
            VkViewport vp{float(f % 4) * side, float(f / 4) * side, side, side, 0.0f, 1.0f};
            VkRect2D cell{{int32_t(vp.x), int32_t(vp.y)}, {kBounceCubeFaceSide, kBounceCubeFaceSide}};
            vkCmdSetViewport(cmd, 0, 1, &vp);
            vkCmdSetScissor(cmd, 0, 1, &cell);
            recordBounceView(draws, bouncePlan.faceToClip[size_t(f)], glm::vec4(0.0f, 0.0f, 0.0f, float(f + 1)));
        }
    } else {
        setViewport(cmd, kBounceMapSide, kBounceMapSide);
        recordBounceView(draws, bouncePlan.worldToLightClip, glm::vec4(bouncePlan.towardsLight, 0.0f));
    }
    vkCmdEndRenderPass(cmd);

    // Mips: a tap far from the shaded point stands for a large area and reads the map averaged over
    // it, each level from the one above (shaders/bounce_reduce.frag). A cube face's texels never mix
    // with another face's down to the level where the face is one texel.
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.bounceReduce);
    for (uint32_t level = 1; level < bounce.framebuffers.size(); ++level) {
        const uint32_t side = std::max(kBounceMapSide >> level, 1u);
        VkClearValue none[2]{};
        beginRenderPass(cmd, pipes.bounceReducePass, bounce.framebuffers[level], side, side, none, 2);
        setViewport(cmd, side, side);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.bounceReduceLayout, 0, 1, &bounce.reduceSources[level], 0,
                                nullptr);
        const glm::vec4 push[2] = {glm::vec4(bounceTexelSide(bouncePlan, level), bouncePlan.cubeAtlas ? 1.0f : 0.0f, 0.0f),
                                   glm::vec4(bouncePlan.towardsLight, 0.0f)};
        vkCmdPushConstants(cmd, pipes.bounceReduceLayout, VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), push);
        vkCmdDraw(cmd, 3, 1, 0, 0);
        vkCmdEndRenderPass(cmd);
    }
}

// The draws that cast shadows, through one view of the bounce light. `towardsLightOrFace`: a sun's
// direction towards it (w = 0), or w = 1 + the cube face (shaders/bounce.vert).
void Renderer::Impl::recordBounceView(const std::vector<Draw>& draws, const glm::mat4& worldToClip,
                                      const glm::vec4& towardsLightOrFace) {
    glm::dmat4 view(worldToClip);
    for (const Draw& d : draws) {
        if (!d.castsShadows) continue;  // what casts no shadow reflects no light onto others either
        if (outsideClipVolume(view * d.partToWorld, d.mesh->boundsMin, d.mesh->boundsMax)) continue;
        BouncePush push{glm::mat4(view * d.partToWorld),
                        {d.push.normalMatrix[0], d.push.normalMatrix[1], d.push.normalMatrix[2]},
                        glm::vec4(glm::vec3(d.diffuseAlbedo), towardsLightOrFace.w)};
        for (int c = 0; c < 3; ++c) push.normalMatrix[c].w = towardsLightOrFace[c];
        vkCmdPushConstants(cmd, pipes.bounceLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
        drawMesh(cmd, *d.mesh);
    }
}

// The gathered image covers the frame at 1/downsample of its size, its last row and column partly.
void Renderer::Impl::prepareIndirectGatherTargets(uint32_t W, uint32_t H, int downsample) {
    const uint32_t d = uint32_t(downsample);
    const uint32_t w = (W + d - 1) / d, h = (H + d - 1) / d;
    if (indirectGather.width != w || indirectGather.height != h)
        indirectGather = createIndirectGatherTargets(ctx, pipes, w, h, bounceSampler);
}

// Step 3c (indirect light at a fraction of the resolution only): the camera's view at 1/downsample of
// the frame's size, each pixel computing sky visibility and bounce light at its surface
// (shaders/indirect_gather.frag).
// The viewport is exactly the frame scaled, so gathered pixel centre i sits at frame coordinate
// (i + 0.5) * downsample, where mesh.frag expects it.
void Renderer::Impl::recordIndirectGatherPass(const Scene& scene, const std::vector<Draw>& draws, int downsample) {
    const Intrinsics& K = scene.camera.intrinsics;
    VkClearValue clears[3]{};            // coverage 0: no surface
    clears[2].depthStencil = {0.0f, 0};  // reversed Z
    beginRenderPass(cmd, pipes.indirectGatherPass, indirectGather.framebuffer, indirectGather.width, indirectGather.height, clears, 3);
    VkViewport vp{0.0f, 0.0f, float(K.width) / float(downsample), float(K.height) / float(downsample), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, {indirectGather.width, indirectGather.height}};
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.indirectGather);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.meshLayout, 0, 1, &frameSet, 0, nullptr);
    for (const Draw& d : draws) {
        if (!d.inCameraView) continue;
        vkCmdPushConstants(cmd, pipes.meshLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(d.push),
                           &d.push);
        drawMesh(cmd, *d.mesh);
    }
    vkCmdEndRenderPass(cmd);
}

// Step 3d (with step 3c): the gathered light smoothed over each surface (shaders/indirect_smooth.frag),
// the image mesh.frag interpolates. Push: the camera's position and a gathered pixel's width in metres
// per metre of distance, for the smoothing's surface test.
void Renderer::Impl::recordIndirectSmoothPass(const Scene& scene, int downsample) {
    const glm::vec4 push(glm::vec3(scene.camera.position()), float(downsample / scene.camera.intrinsics.fx));
    VkClearValue none{};
    beginRenderPass(cmd, pipes.indirectSmoothPass, indirectGather.smoothFramebuffer, indirectGather.width, indirectGather.height,
                    &none, 1);
    setViewport(cmd, indirectGather.width, indirectGather.height);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.indirectSmooth);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.indirectSmoothLayout, 0, 1, &indirectGather.smoothSources, 0,
                            nullptr);
    vkCmdPushConstants(cmd, pipes.indirectSmoothLayout, VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdEndRenderPass(cmd);
}

namespace {

// A flat environment without a photo is a constant background: a clear, not a full-screen pass.
bool hasFlatBackground(const Environment& env) { return !env.image && !env.background; }

// The clear value of the frame's colour attachment: the flat environment, tone-mapped.
VkClearValue backgroundClear(const Scene& scene) {
    const Environment& env = scene.environment;
    glm::vec3 flat = toneMapPbrNeutral(glm::max(env.color * env.intensity * scene.exposure, glm::vec3(0.0f)));
    VkClearValue clear{};
    clear.color = {{flat.r, flat.g, flat.b, 1.0f}};
    return clear;
}

}  // namespace

// Step 4: the background, then every draw that can reach the frame: colour, instance ids, normals
// and depth, one sample at each pixel center (the labels). When the anti-aliased pass will replace
// the colour, the draws here are shaded unlit: the labels do not depend on light, and lights,
// shadows, ambient occlusion and bounce light would be computed only to be overwritten.
void Renderer::Impl::recordMainPass(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant,
                                    bool colourReplaced) {
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t W = uint32_t(K.width), H = uint32_t(K.height);
    VkClearValue clears[4]{};
    clears[0] = backgroundClear(scene);
    clears[1].color.uint32[0] = 0;
    clears[2].color = {{0.0f, 0.0f, 0.0f, 0.0f}};
    clears[3].depthStencil = {0.0f, 0};  // reversed Z: 0 is infinitely far
    beginRenderPass(cmd, main.hostMapped ? pipes.mainPassMapped.get() : pipes.mainPass.get(), main.framebuffer, W, H, clears, 4);
    recordSceneDraws(scene, draws, frameVariant, VK_SAMPLE_COUNT_1_BIT, colourReplaced);
    vkCmdEndRenderPass(cmd);
}

// Step 4b (anti-aliased RGB only): the same draws again into a multisampled colour image, resolved
// over the main pass's colour. Only the colour differs from the main pass; the labels stay its own.
void Renderer::Impl::recordAntialiasedColorPass(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant,
                                                VkSampleCountFlagBits samples) {
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t W = uint32_t(K.width), H = uint32_t(K.height);
    if (antialias.samples != samples || antialias.width != W || antialias.height != H)
        antialias = createAntialiasTargets(ctx, pipes, main, samples);
    VkClearValue clears[2]{};
    clears[0] = backgroundClear(scene);
    clears[1].depthStencil = {0.0f, 0};
    beginRenderPass(cmd, pipes.antialiasPass(ctx, samples, main.hostMapped), antialias.framebuffer, W, H, clears, 2);
    recordSceneDraws(scene, draws, frameVariant, samples);
    vkCmdEndRenderPass(cmd);
}

// Inside a begun main or anti-aliased pass: the background (unless a clear), then the draws; unlit:
// without the frame's lights, shadows, environment and quality switches (labels only).
void Renderer::Impl::recordSceneDraws(const Scene& scene, const std::vector<Draw>& draws, const ShaderVariant& frameVariant,
                                      VkSampleCountFlagBits samples, bool unlit) {
    const Intrinsics& K = scene.camera.intrinsics;
    setViewport(cmd, uint32_t(K.width), uint32_t(K.height));
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.meshLayout, 0, 1, &frameSet, 0, nullptr);
    ObjectPush none{};
    vkCmdPushConstants(cmd, pipes.meshLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(none), &none);
    if (!hasFlatBackground(scene.environment)) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.background(ctx, frameVariant, samples));
        vkCmdDraw(cmd, 3, 1, 0, 0);
    }
    VkDescriptorSet bound = VK_NULL_HANDLE;
    VkPipeline boundPipeline = VK_NULL_HANDLE;
    for (const Draw& d : draws) {
        if (!d.inCameraView) continue;
        ShaderVariant variant = d.variant;
        if (unlit) variant.takeFrameParts(ShaderVariant{});
        VkPipeline pipeline = pipes.mesh(ctx, variant, samples);
        if (pipeline != boundPipeline) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
            boundPipeline = pipeline;
        }
        if (d.material != bound) {
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.meshLayout, 1, 1, &d.material, 0, nullptr);
            bound = d.material;
        }
        vkCmdPushConstants(cmd, pipes.meshLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(d.push),
                           &d.push);
        drawMesh(cmd, *d.mesh);
    }
}

// Step 5: copies into the host-visible readback buffer; with host-mapped targets only depth.
void Renderer::Impl::recordReadbackCopies(uint32_t W, uint32_t H, bool normals) {
    if (!main.hostMapped) {
        copyImageToBuffer(cmd, main.color, VK_IMAGE_ASPECT_COLOR_BIT, main.colorOffset, main.readback.buffer, W, H);
        copyImageToBuffer(cmd, main.instanceId, VK_IMAGE_ASPECT_COLOR_BIT, main.idOffset, main.readback.buffer, W, H);
        if (normals) copyImageToBuffer(cmd, main.normals, VK_IMAGE_ASPECT_COLOR_BIT, main.normalOffset, main.readback.buffer, W, H);
    }
    copyImageToBuffer(cmd, main.depth, VK_IMAGE_ASPECT_DEPTH_BIT, main.depthOffset, main.readback.buffer, W, H);
}

// Step 6a: each object's projected bounds (plus a pixel), the region its amodal pass clears,
// rasterizes and copies; empty when it is entirely off-screen.
void Renderer::Impl::findAmodalRects(const Scene& scene, const std::vector<Draw>& draws, uint32_t defectCount) {
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t W = uint32_t(K.width), H = uint32_t(K.height);
    const uint32_t objectCount = uint32_t(scene.objects.size());
    const uint32_t slots = objectCount + defectCount;  // objects, then defects
    if (silhouettes.width != W || silhouettes.height != H || silhouettes.capacity < slots)
        silhouettes = createSilhouetteTargets(ctx, pipes, W, H, std::max(slots, silhouettes.capacity));
    objectRects.assign(objectCount, VkRect2D{{0, 0}, {0, 0}});
    for (uint32_t i = 0; i < objectCount; ++i) {
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        bool behind = false, any = false;
        for (const Draw& d : draws) {
            if (d.object != i) continue;
            any = true;
            glm::dmat4 toCamera = scene.camera.worldToCamera * d.partToWorld;
            for (int corner = 0; corner < 8; ++corner) {
                glm::dvec3 p(toCamera * glm::dvec4(boxCorner(d.mesh->boundsMin, d.mesh->boundsMax, corner), 1.0));
                if (p.z <= K.znear) {
                    behind = true;
                    continue;
                }
                glm::dvec2 uv = projectPinhole(K, p);
                x0 = std::min(x0, uv.x), y0 = std::min(y0, uv.y), x1 = std::max(x1, uv.x), y1 = std::max(y1, uv.y);
            }
        }
        if (!any) continue;
        if (behind) x0 = y0 = -1e300, x1 = y1 = 1e300;  // crosses the near plane: bounds are unreliable
        int rx0 = int(std::max(0.0, std::floor(x0) - 1)), ry0 = int(std::max(0.0, std::floor(y0) - 1));
        int rx1 = int(std::min(double(W) - 1, std::ceil(x1) + 1)), ry1 = int(std::min(double(H) - 1, std::ceil(y1) + 1));
        if (rx1 < rx0 || ry1 < ry0) continue;  // entirely off-screen
        objectRects[i] = {{rx0, ry0}, {uint32_t(rx1 - rx0 + 1), uint32_t(ry1 - ry0 + 1)}};
    }
}

// Step 6b: each object alone into the R8 coverage target, one small pass per object, copied out
// after each pass.
void Renderer::Impl::recordAmodalPasses(const std::vector<Draw>& draws, uint32_t W, uint32_t H) {
    for (uint32_t i = 0; i < objectRects.size(); ++i)
        if (objectRects[i].extent.width != 0) recordSilhouettePass(i, i, kWholePart, draws, W, H);
}

// The one submit and fence wait of the frame.
void Renderer::Impl::submitAndWait() {
    // Copies (and, with host-mapped targets, the attachment writes themselves) before host reads.
    VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT | (main.hostMapped ? VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT : 0);
    toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    VkPipelineStageFlags toHostSource = VK_PIPELINE_STAGE_TRANSFER_BIT |
                                        (main.hostMapped ? VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT : 0);
    vkCmdPipelineBarrier(cmd, toHostSource, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0, nullptr, 0, nullptr);
    check(vkEndCommandBuffer(cmd), "vkEndCommandBuffer");

    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    check(vkQueueSubmit(ctx.queue, 1, &si, fence), "vkQueueSubmit");
    check(vkWaitForFences(ctx.device, 1, fence.ptr(), VK_TRUE, UINT64_MAX), "vkWaitForFences");
    check(vkResetFences(ctx.device, 1, fence.ptr()), "vkResetFences");
    ++frames;
}

// Amodal defect masks: per defect, its part alone in the part's amodal rectangle, covered where that
// one defect is (shaders/defect_silhouette.frag); copied to silhouette slot objectCount + k.
void Renderer::Impl::recordDefectSilhouettes(const DefectTable& defects, const std::vector<Draw>& draws, uint32_t objectCount,
                                             uint32_t W, uint32_t H) {
    for (uint32_t k = 0; k < defects.records.size(); ++k) {
        const uint32_t object = defects.objects[k];
        if (objectRects[object].extent.width != 0) recordSilhouettePass(objectCount + k, object, k, draws, W, H);
    }
}

// One silhouette pass: `object`'s draws alone into the coverage target, inside its amodal rectangle,
// then copied to readback slot `slot`. `defect` = kWholePart covers the whole part; a defect index
// covers only that defect's footprint.
void Renderer::Impl::recordSilhouettePass(uint32_t slot, uint32_t object, uint32_t defect, const std::vector<Draw>& draws, uint32_t W,
                                          uint32_t H) {
    const VkRect2D& rect = objectRects[object];
    VkClearValue clear{};
    VkRenderPassBeginInfo rp{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rp.renderPass = pipes.silhouettePass;
    rp.framebuffer = silhouettes.framebuffer;
    rp.renderArea = rect;
    rp.clearValueCount = 1;
    rp.pClearValues = &clear;
    vkCmdBeginRenderPass(cmd, &rp, VK_SUBPASS_CONTENTS_INLINE);
    setViewport(cmd, W, H);
    vkCmdSetScissor(cmd, 0, 1, &rect);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, defect == kWholePart ? pipes.silhouette : pipes.defectSilhouette);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipes.meshLayout, 0, 1, &frameSet, 0, nullptr);
    for (const Draw& d : draws) {
        if (d.object != object) continue;
        ObjectPush push = d.push;
        if (defect != kWholePart) push.ids.y = defect, push.ids.z = 1;  // this defect only
        vkCmdPushConstants(cmd, pipes.meshLayout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
        drawMesh(cmd, *d.mesh);
    }
    vkCmdEndRenderPass(cmd);
    VkBufferImageCopy region{};
    region.bufferOffset = VkDeviceSize(slot) * W * H + VkDeviceSize(rect.offset.y) * W + rect.offset.x;
    region.bufferRowLength = W;
    region.bufferImageHeight = H;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageOffset = {rect.offset.x, rect.offset.y, 0};
    region.imageExtent = {rect.extent.width, rect.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, silhouettes.coverage.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, silhouettes.readback.buffer, 1,
                           &region);
}

std::vector<DeviceInfo> listDevices() {
    VkInstance instance = createInstance(false);
    std::vector<DeviceInfo> devices;
    try {
        devices = describeDevices(instance);
    } catch (...) {
        vkDestroyInstance(instance, nullptr);
        throw;
    }
    vkDestroyInstance(instance, nullptr);
    return devices;
}

Renderer::Renderer(const RendererOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Renderer::~Renderer() = default;

FrameBuffers Renderer::render(const Scene& scene, const RenderSettings& settings) {
    FrameBuffers out;
    impl_->render(scene, settings, out);
    return out;
}

void Renderer::render(const Scene& scene, const RenderSettings& settings, FrameBuffers& out) { impl_->render(scene, settings, out); }

const DeviceInfo& Renderer::device() const { return impl_->ctx.info; }

std::vector<std::string> Renderer::validationMessages() const { return impl_->ctx.validationMessages(); }

RendererStats Renderer::stats() const {
    RendererStats s;
    s.cachedMeshes = impl_->cache.meshCount();
    s.cachedTextures = impl_->cache.textureCount();
    s.cacheDeviceBytes = impl_->cache.deviceBytes();
    s.targetDeviceBytes = impl_->main.bytes() + impl_->antialias.bytes() + impl_->shadows.depth.bytes + impl_->bounce.bytes() +
                          impl_->indirectGather.bytes() + impl_->silhouettes.coverage.bytes + impl_->silhouettes.readback.size +
                          impl_->environmentImage.bytes + impl_->backgroundImage.bytes + impl_->environmentBrdfImage.bytes;
    s.framesRendered = impl_->frames;
    return s;
}

}  // namespace sg
