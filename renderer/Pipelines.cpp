#include "renderer/Pipelines.h"

#include "renderer/ShaderTypes.h"
#include "scenes/Mesh.h"

#include <array>
#include <cstddef>
#include <vector>

namespace sg::vk {

namespace {

// SPIR-V compiled from shaders/ at build time (glslc -mfmt=num), embedded as uint32 arrays.
const uint32_t kMeshVert[] = {
#include "mesh.vert.inc"
};
const uint32_t kMeshFrag[] = {
#include "mesh.frag.inc"
};
const uint32_t kBackgroundVert[] = {
#include "background.vert.inc"
};
const uint32_t kBackgroundFrag[] = {
#include "background.frag.inc"
};
const uint32_t kShadowVert[] = {
#include "shadow.vert.inc"
};
const uint32_t kBounceVert[] = {
#include "bounce.vert.inc"
};
const uint32_t kBounceFrag[] = {
#include "bounce.frag.inc"
};
const uint32_t kBounceReduceFrag[] = {
#include "bounce_reduce.frag.inc"
};
const uint32_t kIndirectGatherVert[] = {
#include "indirect_gather.vert.inc"
};
const uint32_t kIndirectGatherFrag[] = {
#include "indirect_gather.frag.inc"
};
const uint32_t kIndirectSmoothFrag[] = {
#include "indirect_smooth.frag.inc"
};
const uint32_t kSilhouetteVert[] = {
#include "silhouette.vert.inc"
};
const uint32_t kSilhouetteFrag[] = {
#include "silhouette.frag.inc"
};
const uint32_t kDefectSilhouetteVert[] = {
#include "defect_silhouette.vert.inc"
};
const uint32_t kDefectSilhouetteFrag[] = {
#include "defect_silhouette.frag.inc"
};

template <size_t N>
UniqueShaderModule shaderModule(const Context& ctx, const uint32_t (&code)[N]) {
    VkShaderModuleCreateInfo ci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    ci.codeSize = N * sizeof(uint32_t);
    ci.pCode = code;
    VkShaderModule m;
    check(vkCreateShaderModule(ctx.device, &ci, nullptr, &m), "vkCreateShaderModule");
    return UniqueShaderModule(ctx.device, m);
}

UniqueDescriptorSetLayout setLayout(const Context& ctx, const std::vector<VkDescriptorSetLayoutBinding>& bindings) {
    VkDescriptorSetLayoutCreateInfo ci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    ci.bindingCount = uint32_t(bindings.size());
    ci.pBindings = bindings.data();
    VkDescriptorSetLayout l;
    check(vkCreateDescriptorSetLayout(ctx.device, &ci, nullptr, &l), "vkCreateDescriptorSetLayout");
    return UniqueDescriptorSetLayout(ctx.device, l);
}

UniquePipelineLayout pipelineLayout(const Context& ctx, const std::vector<VkDescriptorSetLayout>& sets, VkPushConstantRange push) {
    VkPipelineLayoutCreateInfo ci{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    ci.setLayoutCount = uint32_t(sets.size());
    ci.pSetLayouts = sets.data();
    ci.pushConstantRangeCount = 1;
    ci.pPushConstantRanges = &push;
    VkPipelineLayout l;
    check(vkCreatePipelineLayout(ctx.device, &ci, nullptr, &l), "vkCreatePipelineLayout");
    return UniquePipelineLayout(ctx.device, l);
}

VkAttachmentDescription attachment(VkFormat format, VkImageLayout finalLayout) {  // cleared, stored
    VkAttachmentDescription a{};
    a.format = format;
    a.samples = VK_SAMPLE_COUNT_1_BIT;
    a.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    a.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    a.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    a.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    a.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    a.finalLayout = finalLayout;
    return a;
}

// A single-subpass render pass whose results are read afterwards by `consumerStage`/`consumerAccess`
// (copies for the main pass, fragment shaders for shadow maps).
UniqueRenderPass renderPass(const Context& ctx, const std::vector<VkFormat>& colorFormats, VkFormat depthFormat,
                            VkImageLayout finalLayout, VkImageLayout depthFinalLayout, VkPipelineStageFlags consumerStage,
                            VkAccessFlags consumerAccess) {
    std::vector<VkAttachmentDescription> attachments;
    std::vector<VkAttachmentReference> colorRefs;
    for (VkFormat f : colorFormats) {
        colorRefs.push_back({uint32_t(attachments.size()), VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL});
        attachments.push_back(attachment(f, finalLayout));
    }
    VkAttachmentReference depthRef{uint32_t(attachments.size()), VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
    if (depthFormat != VK_FORMAT_UNDEFINED) attachments.push_back(attachment(depthFormat, depthFinalLayout));

    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = uint32_t(colorRefs.size());
    subpass.pColorAttachments = colorRefs.data();
    subpass.pDepthStencilAttachment = depthFormat != VK_FORMAT_UNDEFINED ? &depthRef : nullptr;

    const VkPipelineStageFlags writeStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                             VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    const VkAccessFlags writeAccess = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                                      VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    std::array<VkSubpassDependency, 2> deps{};
    // Earlier readers of these images (last frame's copies or shadow lookups) finish before we write.
    deps[0] = {VK_SUBPASS_EXTERNAL, 0, consumerStage | writeStages, writeStages, 0, writeAccess, 0};
    deps[1] = {0, VK_SUBPASS_EXTERNAL, writeStages, consumerStage, writeAccess, consumerAccess, 0};

    VkRenderPassCreateInfo ci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    ci.attachmentCount = uint32_t(attachments.size());
    ci.pAttachments = attachments.data();
    ci.subpassCount = 1;
    ci.pSubpasses = &subpass;
    ci.dependencyCount = uint32_t(deps.size());
    ci.pDependencies = deps.data();
    VkRenderPass rp;
    check(vkCreateRenderPass(ctx.device, &ci, nullptr, &rp), "vkCreateRenderPass");
    return UniqueRenderPass(ctx.device, rp);
}

struct PipelineDesc {
    VkShaderModule vert = VK_NULL_HANDLE, frag = VK_NULL_HANDLE;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkRenderPass pass = VK_NULL_HANDLE;
    bool meshVertices = true;          // false: no vertex input (full-screen triangle)
    bool positionsOnly = false;        // shadow pass reads positions only
    bool positionsAndNormals = false;  // amodal defect masks read positions and normals only
    uint32_t colorAttachments = 0;
    bool depthTest = false;
    VkCompareOp depthCompare = VK_COMPARE_OP_GREATER;
    bool depthBias = false;
    bool cullBackFaces = false;
    bool cullFrontFaces = false;
    const VkSpecializationInfo* specialization = nullptr;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
};

UniquePipeline graphicsPipeline(const Context& ctx, const PipelineDesc& d) {
    std::vector<VkPipelineShaderStageCreateInfo> stages;
    VkPipelineShaderStageCreateInfo st{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    st.stage = VK_SHADER_STAGE_VERTEX_BIT;
    st.module = d.vert;
    st.pName = "main";
    stages.push_back(st);
    if (d.frag) {
        st.stage = VK_SHADER_STAGE_FRAGMENT_BIT;
        st.module = d.frag;
        st.pSpecializationInfo = d.specialization;
        stages.push_back(st);
    }

    VkVertexInputBindingDescription binding{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
    std::vector<VkVertexInputAttributeDescription> attributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(Vertex, position))},
        {1, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(Vertex, normal))},
        {2, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(Vertex, uv))},
        {3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(Vertex, tangent))},
    };
    if (d.positionsOnly) attributes.resize(1);
    if (d.positionsAndNormals) attributes.resize(2);
    VkPipelineVertexInputStateCreateInfo vertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    if (d.meshVertices) {
        vertexInput.vertexBindingDescriptionCount = 1;
        vertexInput.pVertexBindingDescriptions = &binding;
        vertexInput.vertexAttributeDescriptionCount = uint32_t(attributes.size());
        vertexInput.pVertexAttributeDescriptions = attributes.data();
    }
    VkPipelineInputAssemblyStateCreateInfo assembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    viewport.viewportCount = 1;
    viewport.scissorCount = 1;
    VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    raster.polygonMode = VK_POLYGON_MODE_FILL;
    // Without culling, open and double-sided meshes render from both sides (back faces flip their normal).
    raster.cullMode = VK_CULL_MODE_NONE;
    if (d.cullBackFaces) raster.cullMode |= VK_CULL_MODE_BACK_BIT;
    if (d.cullFrontFaces) raster.cullMode |= VK_CULL_MODE_FRONT_BIT;
    // Meshes wind counter-clockwise seen from outside; the OpenCV-style projection keeps that
    // orientation in Vulkan's y-down framebuffer, where it counts as counter-clockwise.
    raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    raster.lineWidth = 1.0f;
    raster.depthBiasEnable = d.depthBias;
    raster.depthBiasConstantFactor = 1.0f;
    raster.depthBiasSlopeFactor = 1.5f;
    VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    multisample.rasterizationSamples = d.samples;
    VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    depth.depthTestEnable = d.depthTest;
    depth.depthWriteEnable = d.depthTest;
    depth.depthCompareOp = d.depthCompare;
    // Instance ids and depth must never blend: blending is off on every attachment.
    std::vector<VkPipelineColorBlendAttachmentState> blends(d.colorAttachments);
    for (auto& b : blends)
        b.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    blend.attachmentCount = uint32_t(blends.size());
    blend.pAttachments = blends.data();
    VkDynamicState dynamicStates[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    dynamic.dynamicStateCount = 2;
    dynamic.pDynamicStates = dynamicStates;

    VkGraphicsPipelineCreateInfo ci{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
    ci.stageCount = uint32_t(stages.size());
    ci.pStages = stages.data();
    ci.pVertexInputState = &vertexInput;
    ci.pInputAssemblyState = &assembly;
    ci.pViewportState = &viewport;
    ci.pRasterizationState = &raster;
    ci.pMultisampleState = &multisample;
    ci.pDepthStencilState = &depth;
    ci.pColorBlendState = &blend;
    ci.pDynamicState = &dynamic;
    ci.layout = d.layout;
    ci.renderPass = d.pass;
    VkPipeline p;
    check(vkCreateGraphicsPipelines(ctx.device, VK_NULL_HANDLE, 1, &ci, nullptr, &p), "vkCreateGraphicsPipelines");
    return UniquePipeline(ctx.device, p);
}

}  // namespace

Pipelines createPipelines(const Context& ctx) {
    Pipelines p;
    const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    const VkShaderStageFlags f = VK_SHADER_STAGE_FRAGMENT_BIT;
    p.frameSetLayout = setLayout(ctx, {
                                          {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, vf, nullptr},
                                          {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, f, nullptr},
                                          {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {7, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {8, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                          {9, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                      });
    std::vector<VkDescriptorSetLayoutBinding> materialBindings = {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, f, nullptr}};
    for (uint32_t b = 1; b <= 5; ++b) materialBindings.push_back({b, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr});
    p.materialSetLayout = setLayout(ctx, materialBindings);
    p.meshLayout = pipelineLayout(ctx, {p.frameSetLayout, p.materialSetLayout}, {vf, 0, sizeof(ObjectPush)});
    p.shadowLayout = pipelineLayout(ctx, {}, {VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(ShadowPush)});
    p.bounceLayout = pipelineLayout(ctx, {}, {vf, 0, sizeof(BouncePush)});
    p.imagePairSetLayout = setLayout(ctx, {{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr},
                                           {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, f, nullptr}});
    p.bounceReduceLayout = pipelineLayout(ctx, {p.imagePairSetLayout}, {f, 0, 2 * sizeof(glm::vec4)});  // bounce_reduce.frag
    p.indirectSmoothLayout = pipelineLayout(ctx, {p.imagePairSetLayout}, {f, 0, sizeof(glm::vec4)});    // indirect_smooth.frag

    const VkPipelineStageFlags transfer = VK_PIPELINE_STAGE_TRANSFER_BIT;
    p.mainPass = renderPass(ctx, {kColorFormat, kInstanceFormat, kNormalFormat}, kDepthFormat, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                            VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, transfer, VK_ACCESS_TRANSFER_READ_BIT);
    p.mainPassMapped = renderPass(ctx, {kColorFormat, kInstanceFormat, kNormalFormat}, kDepthFormat, VK_IMAGE_LAYOUT_GENERAL,
                                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, transfer, VK_ACCESS_TRANSFER_READ_BIT);
    p.shadowPass = renderPass(ctx, {}, kShadowFormat, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
                              VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
    const VkPipelineStageFlags fragment = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
    p.bouncePass = renderPass(ctx, {kBounceAlbedoFormat, kBounceNormalDepthFormat}, kShadowFormat,
                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, fragment,
                              VK_ACCESS_SHADER_READ_BIT);
    p.bounceReducePass = renderPass(ctx, {kBounceAlbedoFormat, kBounceNormalDepthFormat}, VK_FORMAT_UNDEFINED,
                                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_IMAGE_LAYOUT_UNDEFINED, fragment,
                                    VK_ACCESS_SHADER_READ_BIT);
    p.indirectGatherPass = renderPass(ctx, {kGatheredIndirectFormat, kGatheredSurfaceFormat}, kDepthFormat,
                                      VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
                                      fragment, VK_ACCESS_SHADER_READ_BIT);
    p.indirectSmoothPass = renderPass(ctx, {kGatheredIndirectFormat}, VK_FORMAT_UNDEFINED, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                      VK_IMAGE_LAYOUT_UNDEFINED, fragment, VK_ACCESS_SHADER_READ_BIT);
    p.silhouettePass = renderPass(ctx, {kSilhouetteFormat}, VK_FORMAT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                  VK_IMAGE_LAYOUT_UNDEFINED, transfer, VK_ACCESS_TRANSFER_READ_BIT);

    p.meshVert = shaderModule(ctx, kMeshVert);
    p.meshFrag = shaderModule(ctx, kMeshFrag);
    p.backgroundVert = shaderModule(ctx, kBackgroundVert);
    p.backgroundFrag = shaderModule(ctx, kBackgroundFrag);
    auto shadowVert = shaderModule(ctx, kShadowVert);
    auto silhouetteVert = shaderModule(ctx, kSilhouetteVert);
    auto silhouetteFrag = shaderModule(ctx, kSilhouetteFrag);

    PipelineDesc shadow{shadowVert, VK_NULL_HANDLE, p.shadowLayout, p.shadowPass};
    shadow.positionsOnly = true;
    shadow.depthTest = true;
    shadow.depthCompare = VK_COMPARE_OP_LESS_OR_EQUAL;
    shadow.depthBias = true;
    p.shadow = graphicsPipeline(ctx, shadow);
    shadow.cullBackFaces = true;
    p.shadowCulled = graphicsPipeline(ctx, shadow);
    shadow.cullBackFaces = false;
    shadow.cullFrontFaces = true;
    p.shadowFrontCulled = graphicsPipeline(ctx, shadow);

    auto bounceVert = shaderModule(ctx, kBounceVert);
    auto bounceFrag = shaderModule(ctx, kBounceFrag);
    PipelineDesc bounce{bounceVert, bounceFrag, p.bounceLayout, p.bouncePass};
    bounce.positionsAndNormals = true;
    bounce.colorAttachments = 2;
    bounce.depthTest = true;
    bounce.depthCompare = VK_COMPARE_OP_LESS;
    p.bounce = graphicsPipeline(ctx, bounce);
    auto bounceReduceFrag = shaderModule(ctx, kBounceReduceFrag);
    PipelineDesc bounceReduce{p.backgroundVert, bounceReduceFrag, p.bounceReduceLayout, p.bounceReducePass};
    bounceReduce.meshVertices = false;  // one triangle over the level
    bounceReduce.colorAttachments = 2;
    p.bounceReduce = graphicsPipeline(ctx, bounceReduce);
    auto indirectGatherVert = shaderModule(ctx, kIndirectGatherVert);
    auto indirectGatherFrag = shaderModule(ctx, kIndirectGatherFrag);
    PipelineDesc indirectGather{indirectGatherVert, indirectGatherFrag, p.meshLayout, p.indirectGatherPass};
    indirectGather.positionsAndNormals = true;
    indirectGather.colorAttachments = 2;
    indirectGather.depthTest = true;  // reversed Z, as the main pass
    p.indirectGather = graphicsPipeline(ctx, indirectGather);
    auto indirectSmoothFrag = shaderModule(ctx, kIndirectSmoothFrag);
    PipelineDesc indirectSmooth{p.backgroundVert, indirectSmoothFrag, p.indirectSmoothLayout, p.indirectSmoothPass};
    indirectSmooth.meshVertices = false;  // one triangle over the gathered image
    indirectSmooth.colorAttachments = 1;
    p.indirectSmooth = graphicsPipeline(ctx, indirectSmooth);

    PipelineDesc silhouette{silhouetteVert, silhouetteFrag, p.meshLayout, p.silhouettePass};
    silhouette.positionsOnly = true;
    silhouette.colorAttachments = 1;
    p.silhouette = graphicsPipeline(ctx, silhouette);

    auto defectSilhouetteVert = shaderModule(ctx, kDefectSilhouetteVert);
    auto defectSilhouetteFrag = shaderModule(ctx, kDefectSilhouetteFrag);
    PipelineDesc defectSilhouette{defectSilhouetteVert, defectSilhouetteFrag, p.meshLayout, p.silhouettePass};
    defectSilhouette.colorAttachments = 1;
    defectSilhouette.positionsAndNormals = true;
    p.defectSilhouette = graphicsPipeline(ctx, defectSilhouette);
    return p;
}

namespace {

// The specialization constants of shaders/common.glsl, value i for constant_id i: two ints (the
// light count and the shadow taps) and VkBool32s, all four bytes.
constexpr uint32_t kSpecializationConstants = 15;

struct Specialization {
    uint32_t values[kSpecializationConstants]{};
    VkSpecializationMapEntry entries[kSpecializationConstants]{};
    VkSpecializationInfo info{};
    explicit Specialization(const ShaderVariant& v)
        : values{uint32_t(v.lightCount), v.shadows,         v.environmentImage, v.baseColorTexture, v.metallicRoughnessTexture,
                 v.normalTexture,        v.emissiveTexture, v.occlusionTexture, v.backgroundPhoto,  v.defects,
                 uint32_t(v.shadowTaps), v.skyVisibility,   v.burleyDiffuse,    v.bounceLight,      v.indirectGathered} {
        for (uint32_t i = 0; i < kSpecializationConstants; ++i) entries[i] = {i, i * uint32_t(sizeof(uint32_t)), sizeof(uint32_t)};
        info.mapEntryCount = kSpecializationConstants;
        info.pMapEntries = entries;
        info.dataSize = sizeof(values);
        info.pData = values;
    }
};

}  // namespace

VkPipeline Pipelines::mesh(const Context& ctx, const ShaderVariant& v, VkSampleCountFlagBits samples) {
    uint64_t key = uint64_t(v.key()) | uint64_t(samples) << 40;
    auto it = variants_.find(key);
    if (it != variants_.end()) return it->second;
    Specialization spec(v);
    PipelineDesc d{meshVert, meshFrag, meshLayout,
                   samples == VK_SAMPLE_COUNT_1_BIT ? mainPass.get() : antialiasPass(ctx, samples, false)};
    d.colorAttachments = 3;
    d.depthTest = true;
    d.depthCompare = VK_COMPARE_OP_GREATER;  // reversed Z: nearer is larger
    d.cullBackFaces = v.cullBackFaces;
    d.specialization = &spec.info;
    d.samples = samples;
    return variants_.emplace(key, graphicsPipeline(ctx, d)).first->second;
}

VkPipeline Pipelines::background(const Context& ctx, const ShaderVariant& v, VkSampleCountFlagBits samples) {
    uint64_t key = uint64_t(v.key()) | (uint64_t(1) << 32) | uint64_t(samples) << 40;
    auto it = variants_.find(key);
    if (it != variants_.end()) return it->second;
    Specialization spec(v);
    PipelineDesc d{backgroundVert, backgroundFrag, meshLayout,
                   samples == VK_SAMPLE_COUNT_1_BIT ? mainPass.get() : antialiasPass(ctx, samples, false)};
    d.meshVertices = false;
    d.colorAttachments = 3;
    d.specialization = &spec.info;
    d.samples = samples;
    return variants_.emplace(key, graphicsPipeline(ctx, d)).first->second;
}

VkRenderPass Pipelines::antialiasPass(const Context& ctx, VkSampleCountFlagBits samples, bool hostMapped) {
    const uint32_t key = uint32_t(samples) << 1 | (hostMapped ? 1u : 0u);
    auto it = antialiasPasses_.find(key);
    if (it != antialiasPasses_.end()) return it->second;

    VkAttachmentDescription attachments[3] = {
        attachment(kColorFormat, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL),
        attachment(kDepthFormat, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL),
        attachment(kColorFormat, hostMapped ? VK_IMAGE_LAYOUT_GENERAL : VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL),
    };
    // The samples live only inside the pass; the resolve overwrites every pixel of attachment 2.
    attachments[0].samples = attachments[1].samples = samples;
    attachments[0].storeOp = attachments[1].storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    attachments[2].loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;

    const VkAttachmentReference unused{VK_ATTACHMENT_UNUSED, VK_IMAGE_LAYOUT_UNDEFINED};
    const VkAttachmentReference colorRefs[3] = {{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL}, unused, unused};
    const VkAttachmentReference resolveRefs[3] = {{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL}, unused, unused};
    const VkAttachmentReference depthRef{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 3;  // matches the shaders' three outputs and the main pass's pipelines
    subpass.pColorAttachments = colorRefs;
    subpass.pResolveAttachments = resolveRefs;
    subpass.pDepthStencilAttachment = &depthRef;

    const VkPipelineStageFlags writeStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                             VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    const VkAccessFlags writeAccess = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                                      VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    VkSubpassDependency deps[2]{};
    // The main pass wrote the one-sample colour image just before: its writes land before the resolve's.
    deps[0] = {VK_SUBPASS_EXTERNAL,
               0,
               VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
               writeStages,
               VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
               writeAccess,
               0};
    // The resolved colour is then copied out (or, host-mapped, read by the host after the frame's barrier).
    deps[1] = {0,
               VK_SUBPASS_EXTERNAL,
               VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_PIPELINE_STAGE_TRANSFER_BIT,
               VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
               VK_ACCESS_TRANSFER_READ_BIT,
               0};

    VkRenderPassCreateInfo ci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    ci.attachmentCount = 3;
    ci.pAttachments = attachments;
    ci.subpassCount = 1;
    ci.pSubpasses = &subpass;
    ci.dependencyCount = 2;
    ci.pDependencies = deps;
    VkRenderPass rp;
    check(vkCreateRenderPass(ctx.device, &ci, nullptr, &rp), "vkCreateRenderPass");
    return antialiasPasses_.emplace(key, UniqueRenderPass(ctx.device, rp)).first->second;
}

}  // namespace sg::vk
