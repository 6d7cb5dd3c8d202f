#include "renderer/FrameTargets.h"

#include "renderer/MipChain.h"

#include <algorithm>

namespace sg::vk {

namespace {

UniqueFramebuffer framebuffer(const Context& ctx, VkRenderPass pass, const std::vector<VkImageView>& views, uint32_t w, uint32_t h) {
    VkFramebufferCreateInfo fi{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fi.renderPass = pass;
    fi.attachmentCount = uint32_t(views.size());
    fi.pAttachments = views.data();
    fi.width = w;
    fi.height = h;
    fi.layers = 1;
    VkFramebuffer fb;
    check(vkCreateFramebuffer(ctx.device, &fi, nullptr, &fb), "vkCreateFramebuffer");
    return UniqueFramebuffer(ctx.device, fb);
}

UniqueDescriptorPool descriptorPool(const Context& ctx, VkDescriptorType type, uint32_t descriptors, uint32_t sets) {
    VkDescriptorPoolSize size{type, descriptors};
    VkDescriptorPoolCreateInfo ci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    ci.maxSets = sets;
    ci.poolSizeCount = 1;
    ci.pPoolSizes = &size;
    VkDescriptorPool pool;
    check(vkCreateDescriptorPool(ctx.device, &ci, nullptr, &pool), "vkCreateDescriptorPool");
    return UniqueDescriptorPool(ctx.device, pool);
}

}  // namespace

MainTargets createMainTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height, bool hostMapped) {
    MainTargets t;
    t.width = width;
    t.height = height;
    t.hostMapped = hostMapped;
    const VkImageUsageFlags colorUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto colorTarget = [&](VkFormat format) {
        ImageDesc d{width, height, format, colorUsage};
        d.hostMapped = hostMapped;
        return createImage(ctx, d);
    };
    t.color = colorTarget(kColorFormat);
    t.instanceId = colorTarget(kInstanceFormat);
    t.normals = colorTarget(kNormalFormat);
    t.depth = createImage(
        ctx, {width, height, kDepthFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT, 1, 1,
              VK_IMAGE_ASPECT_DEPTH_BIT});
    t.framebuffer = framebuffer(ctx, p.mainPass, {t.color.view, t.instanceId.view, t.normals.view, t.depth.view}, width, height);
    VkDeviceSize pixels = VkDeviceSize(width) * height;
    if (hostMapped) {
        t.readback = createBuffer(ctx, pixels * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
        return t;
    }
    t.colorOffset = 0;
    t.idOffset = pixels * 4;
    t.normalOffset = t.idOffset + pixels * 4;
    t.depthOffset = t.normalOffset + pixels * 8;
    t.readback = createBuffer(ctx, t.depthOffset + pixels * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
    return t;
}

AntialiasTargets createAntialiasTargets(const Context& ctx, Pipelines& p, const MainTargets& main, VkSampleCountFlagBits samples) {
    AntialiasTargets t;
    t.width = main.width;
    t.height = main.height;
    t.samples = samples;
    // Transient: the samples never leave the pass (a tiled GPU keeps them on chip).
    ImageDesc color{main.width, main.height, kColorFormat,
                    VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT};
    color.samples = samples;
    t.color = createImage(ctx, color);
    ImageDesc depth{main.width,
                    main.height,
                    kDepthFormat,
                    VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                    1,
                    1,
                    VK_IMAGE_ASPECT_DEPTH_BIT};
    depth.samples = samples;
    t.depth = createImage(ctx, depth);
    t.framebuffer = framebuffer(ctx, p.antialiasPass(ctx, samples, main.hostMapped), {t.color.view, t.depth.view, main.color.view},
                                main.width, main.height);
    return t;
}

VkSampleCountFlagBits supportedColorSamples(const Context& ctx, uint32_t requested) {
    const VkSampleCountFlags supported = ctx.properties.limits.framebufferColorSampleCounts &
                                         ctx.properties.limits.framebufferDepthSampleCounts;
    uint32_t samples = 1;
    for (uint32_t s = 2; s <= std::min(requested, 64u); s *= 2)
        if (supported & s) samples = s;
    return VkSampleCountFlagBits(samples);
}

ShadowTargets createShadowTargets(const Context& ctx, const Pipelines& p, uint32_t resolution, uint32_t layers) {
    ShadowTargets t;
    t.resolution = resolution;
    t.layers = layers;
    t.depth = createImage(
        ctx, {resolution, resolution, kShadowFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT, 1,
              layers, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_VIEW_TYPE_2D_ARRAY});
    for (uint32_t l = 0; l < layers; ++l) {
        t.layerViews.push_back(createView(ctx, t.depth.image, kShadowFormat, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_VIEW_TYPE_2D, l, 1));
        t.framebuffers.push_back(framebuffer(ctx, p.shadowPass, {t.layerViews.back()}, resolution, resolution));
    }
    return t;
}

BounceTargets createBounceTargets(const Context& ctx, const Pipelines& p, uint32_t side, VkSampler fetchSampler) {
    BounceTargets t;
    const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    const uint32_t levels = mipLevelCount(int(side), int(side));
    t.albedo = createImage(ctx, {side, side, kBounceAlbedoFormat, usage, levels});
    t.normalDepth = createImage(ctx, {side, side, kBounceNormalDepthFormat, usage, levels});
    t.depth = createImage(
        ctx, {side, side, kShadowFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT, 1, 1,
              VK_IMAGE_ASPECT_DEPTH_BIT});
    for (uint32_t level = 0; level < levels; ++level) {
        const VkImageAspectFlags color = VK_IMAGE_ASPECT_COLOR_BIT;
        t.albedoLevels.push_back(createView(ctx, t.albedo.image, kBounceAlbedoFormat, color, VK_IMAGE_VIEW_TYPE_2D, 0, 1, 1, level));
        t.normalDepthLevels.push_back(
            createView(ctx, t.normalDepth.image, kBounceNormalDepthFormat, color, VK_IMAGE_VIEW_TYPE_2D, 0, 1, 1, level));
        const uint32_t levelSide = std::max(side >> level, 1u);
        if (level == 0)
            t.framebuffers.push_back(
                framebuffer(ctx, p.bouncePass, {t.albedoLevels[0], t.normalDepthLevels[0], t.depth.view}, side, side));
        else
            t.framebuffers.push_back(
                framebuffer(ctx, p.bounceReducePass, {t.albedoLevels[level], t.normalDepthLevels[level]}, levelSide, levelSide));
    }
    t.reducePool = descriptorPool(ctx, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * levels, levels);
    t.reduceSources.assign(levels, VK_NULL_HANDLE);
    for (uint32_t level = 1; level < levels; ++level) {
        t.reduceSources[level] = allocateDescriptorSet(ctx, t.reducePool, p.imagePairSetLayout);
        VkDescriptorImageInfo finer[2] = {
            {fetchSampler, t.albedoLevels[level - 1], VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
            {fetchSampler, t.normalDepthLevels[level - 1], VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        };
        VkWriteDescriptorSet write = imageWrite(t.reduceSources[level], 0, 2, finer);
        vkUpdateDescriptorSets(ctx.device, 1, &write, 0, nullptr);
    }
    return t;
}

IndirectGatherTargets createIndirectGatherTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height,
                                                  VkSampler fetchSampler) {
    IndirectGatherTargets t;
    t.width = width;
    t.height = height;
    const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    t.indirect = createImage(ctx, {width, height, kGatheredIndirectFormat, usage});
    t.surface = createImage(ctx, {width, height, kGatheredSurfaceFormat, usage});
    t.depth = createImage(
        ctx, {width, height, kDepthFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT, 1, 1,
              VK_IMAGE_ASPECT_DEPTH_BIT});
    t.framebuffer = framebuffer(ctx, p.indirectGatherPass, {t.indirect.view, t.surface.view, t.depth.view}, width, height);
    t.smoothed = createImage(ctx, {width, height, kGatheredIndirectFormat, usage});
    t.smoothFramebuffer = framebuffer(ctx, p.indirectSmoothPass, {t.smoothed.view}, width, height);
    t.smoothPool = descriptorPool(ctx, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2, 1);
    t.smoothSources = allocateDescriptorSet(ctx, t.smoothPool, p.imagePairSetLayout);
    VkDescriptorImageInfo gathered[2] = {
        {fetchSampler, t.indirect.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        {fetchSampler, t.surface.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
    };
    VkWriteDescriptorSet write = imageWrite(t.smoothSources, 0, 2, gathered);
    vkUpdateDescriptorSets(ctx.device, 1, &write, 0, nullptr);
    return t;
}

SilhouetteTargets createSilhouetteTargets(const Context& ctx, const Pipelines& p, uint32_t width, uint32_t height, uint32_t capacity) {
    SilhouetteTargets t;
    t.width = width;
    t.height = height;
    t.capacity = capacity;
    t.coverage = createImage(
        ctx, {width, height, kSilhouetteFormat, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT});
    t.framebuffer = framebuffer(ctx, p.silhouettePass, {t.coverage.view}, width, height);
    t.readback = createBuffer(ctx, VkDeviceSize(width) * height * capacity, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
    return t;
}

}  // namespace sg::vk
