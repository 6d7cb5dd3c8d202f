#pragma once
// The public renderer API: a Scene in, aligned per-pixel buffers out. Everything Vulkan stays
// behind this header (Filament-style small API in front of the engine).
//
// Conventions (docs/conventions.md): pixel (x, y) of every buffer is the sample at the pixel
// center, which in OpenCV's K lies at integer coordinates (x, y). All buffers come from one render
// of one scene state; instance ids and depth are never blended across edges.
#include "core/FrameBuffers.h"
#include "core/Image.h"
#include "scenes/Scene.h"

#include <memory>
#include <string>
#include <vector>

namespace sg {

struct DeviceInfo {
    int index = 0;
    std::string name;
    std::string type;  // "discrete", "integrated", "virtual", "cpu", "other"
    std::string apiVersion;
    std::string driver;
};

struct RendererOptions {
    // Device by index (as listed by listDevices) or by a substring of its name; empty = best
    // available (discrete, then integrated, then anything else, lavapipe last).
    std::string device;
    // Enables VK_LAYER_KHRONOS_validation; messages are collected (see validationMessages).
    bool validation = false;
    // On a CPU device the color, instance and normal attachments are linear images the host reads in
    // place; true copies them out through a buffer as on a GPU (so tests cover that path here too).
    bool readbackCopies = false;
};

struct RenderSettings {
    // Also render each object's own silhouette with all other objects removed (amodal masks).
    bool amodalMasks = false;
    // Read back camera-frame normals. Off, FrameBuffers::normals is left empty, which saves their
    // copy and conversion (a tenth of a 640x480 frame's CPU time on lavapipe).
    bool normals = true;
    // Samples per pixel for the RGB only (multisample anti-aliasing): 1 = off; otherwise the largest
    // count the device supports up to this. Instance ids, depth and normals stay one sample at the
    // pixel center whatever this is (docs/conventions.md "Anti-aliased RGB").
    uint32_t colorSamples = 1;
    // Soft shadows: percentage-closer filtering with this many taps (each a bilinear 2x2 compare)
    // spread over a disk of shadowFilterRadius shadow-map texels, rotated per pixel (from its
    // coordinates, so deterministic). 1 = a single hardware 2x2 tap (hard, cheapest); at most 16.
    int shadowFilterTaps = 8;
    float shadowFilterRadius = 1.5f;
    // Shadow-map side = the frame-derived side (512..2048) times this, rounded to a power of two,
    // at most 4096. Raise it for thin casters far from the camera.
    float shadowResolutionScale = 1.0f;
    // Ambient occlusion: this many extra shadow-map views (0..16) from cosine-distributed directions
    // over the upper hemisphere (+Z); the image-based diffuse light is scaled by the share of them
    // that see a point, with a multi-bounce correction from the surface albedo. 0 = off (each view is
    // one more depth pass of the scene, costly on a CPU device).
    int skyVisibilityViews = 0;
    // Only occluders within this distance (metres) of a point darken it: the contact occlusion a
    // path tracer shows, without walls far away darkening each other (light they would reflect back
    // is not traced). 0 = any distance.
    float skyOcclusionDistance = 0.0f;
    // Diffuse reflection: Burley's model (Disney's, Blender's Principled BSDF: rough surfaces
    // brighter towards the light and at grazing angles, diffuse and specular added) instead of the
    // glTF specification's (Lambert, weighted by 1 - Fresnel); image-based diffuse light gets the
    // factor's mean over the environment (renderer/README.md "Diffuse reflection"). RGB only.
    bool burleyDiffuse = false;
    // One-bounce indirect light from the lights that cast shadows, off the surfaces they light onto
    // their neighbours: colour bleeding, lit undersides, shadows that are not one flat grey
    // (renderer/BounceLight.h: through the reflective shadow map of the one brightest at the scene's
    // middle). Gathered from this many points (0..64) of that map within bounceRadius metres of each
    // point; 0 = off. Costs one more pass from the light and this many map reads per shaded pixel.
    int bounceSamples = 0;
    float bounceRadius = 1.0f;
    // Compute sky visibility (ambient occlusion) and bounce light at 1/N of the frame's width and
    // height (one more pass of the scene, at that size) and interpolate them at each pixel between the
    // gathered points on the same surface. Both vary slowly over a surface, so 4 costs a sixteenth of
    // their per-pixel work for a change far below what the eye or SSIM sees (renderer/README.md
    // "Indirect light at a fraction of the resolution"). 1 = every pixel computes its own. RGB only.
    int indirectDownsample = 1;
    // Reconstruction filter of the RGB (renderer/PixelFilter.h): a Gaussian of this standard
    // deviation in pixels over the finished pixels, in linear light; 0 = none. Path tracers filter
    // this way (pbrt-v4's default sigma is 0.5). Labels are untouched.
    float pixelFilterSigma = 0.0f;
};

// GPU caches, for watching memory over long runs.
struct RendererStats {
    size_t cachedMeshes = 0;
    size_t cachedTextures = 0;
    uint64_t cacheDeviceBytes = 0;   // meshes + textures
    uint64_t targetDeviceBytes = 0;  // attachments, shadow maps, environment, readback buffers
    uint64_t framesRendered = 0;
};

// Lists Vulkan devices. Throws std::runtime_error with an install hint when there is no driver.
std::vector<DeviceInfo> listDevices();

class Renderer {
public:
    explicit Renderer(const RendererOptions& options = {});
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    FrameBuffers render(const Scene& scene, const RenderSettings& settings = {});
    // Same, into `out`, reusing its storage when the resolution is unchanged (long runs, benchmarks).
    void render(const Scene& scene, const RenderSettings& settings, FrameBuffers& out);

    const DeviceInfo& device() const;
    RendererStats stats() const;
    // Validation-layer messages seen so far (warnings and errors); empty when all is clean.
    std::vector<std::string> validationMessages() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sg
