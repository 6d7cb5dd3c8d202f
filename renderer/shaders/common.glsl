// Shared by the shaders; mirrored on the C++ side by renderer/ShaderTypes.h (std140, vec4-only).
#define MAX_LIGHTS 8
#define MAX_SHADOW_VIEWS 16
#define MAX_SKY_VIEWS 16
#define MAX_BOUNCE_TAPS 64

// Specialization constants pick a pipeline variant per (lights, shadows, environment, textures).
// On CPU rasterizers both sides of a branch run under a mask, so features a frame does not use
// must be compiled out, not branched around. Mirrored by ShaderVariant in Pipelines.h.
layout(constant_id = 0) const int LIGHT_COUNT = 0;
layout(constant_id = 1) const bool SHADOWS = false;
layout(constant_id = 2) const bool ENV_IMAGE = false;
layout(constant_id = 3) const bool BASE_COLOR_TEXTURE = false;
layout(constant_id = 4) const bool METALLIC_ROUGHNESS_TEXTURE = false;
layout(constant_id = 5) const bool NORMAL_TEXTURE = false;
layout(constant_id = 6) const bool EMISSIVE_TEXTURE = false;
layout(constant_id = 7) const bool OCCLUSION_TEXTURE = false;
layout(constant_id = 8) const bool BACKGROUND_PHOTO = false;
layout(constant_id = 9) const bool DEFECTS = false;  // the object carries surface defects (defects.glsl)
// Frame-wide quality switches (RenderSettings): on a CPU rasterizer code that is compiled in costs
// time even where a uniform skips it, so the presets' extra work is compiled out when off.
// PCF taps per light (RenderSettings::shadowFilterTaps, 1..16; 1 = one hardware 2x2 tap): a constant,
// so the tap loop unrolls into constant disk offsets; a loop bound read from a uniform cost lavapipe
// as much at 4 taps as at 16.
layout(constant_id = 10) const int SHADOW_TAPS = 1;
layout(constant_id = 11) const bool SKY_VISIBILITY = false;  // ambient occlusion from the sky views
layout(constant_id = 12) const bool BURLEY_DIFFUSE = false;  // Burley instead of Lambert diffuse
layout(constant_id = 13) const bool BOUNCE_LIGHT = false;    // one-bounce light from one light (renderer/BounceLight.h)
// Sky visibility and bounce light read from the image indirect_gather.frag gathered at a fraction of
// the resolution, not computed per pixel.
layout(constant_id = 14) const bool INDIRECT_GATHERED = false;

struct LightData {
    vec4 position;   // xyz world position, w = type (0 directional, 1 point, 2 spot)
    vec4 direction;  // xyz direction the light travels
    vec4 color;      // rgb = color * intensity
    vec4 cone;       // cos(inner), cos(outer) of a spot light
    vec4 shadow;     // first shadow layer or -1, view count (6: cube faces), depth bias, normal offset (m)
};

layout(set = 0, binding = 0) uniform FrameUniforms {
    mat4 viewProj;       // world -> Vulkan clip
    mat4 worldToCamera;  // world -> OpenCV camera
    mat4 cameraToWorld;
    vec4 cameraPosition;
    vec4 intrinsics;     // fx, fy, cx, cy
    vec4 viewport;       // width, height, exposure, light count
    vec4 envParams;      // rotation (rad), unused, max lod, 1 = image / 0 = flat color
    vec4 envColor;       // flat radiance (color * intensity)
    vec4 backgroundParams;  // 1 = background photo, shadow map texel size, env intensity, unused
    vec4 sh[9];          // irradiance SH9, premultiplied by the cosine-lobe factors (env frame)
    LightData lights[MAX_LIGHTS];
    mat4 shadowMatrices[MAX_SHADOW_VIEWS + MAX_SKY_VIEWS];  // world -> shadow clip (depth 0..1, not reversed)
    vec4 shadowFilter;   // PCF taps (<= 1: one hardware 2x2 tap), filter radius (shadow texels), unused, unused
    vec4 sky;            // first sky-visibility layer, view count (0 = no ambient occlusion), depth bias, normal offset
    vec4 skyDirections[MAX_SKY_VIEWS];  // xyz towards the sky, w = 1 / z (inverse cosine pdf)
    vec4 shading;        // sky occlusion distance (sky-view depth units, 0 = any), downsampling of the
                         // gathered indirect light (indirect_gather.frag), unused, unused
    mat4 bounceToLightClip;    // world -> a sun's clip space (its reflective shadow map)
    mat4 bounceFromLightClip;  // and back
    vec4 bounce;         // tap count (0 = no bounce), light index, nearest emitter distance^2 (m^2; a cube
                         // atlas: per m^2 from the light), 1 = a point or spot light's cube atlas / 0 = a sun's map
    vec4 bounceColor;    // rgb: the colour x intensity the map's light is given (BouncePlan::color)
    vec4 bounceTaps[MAX_BOUNCE_TAPS];  // BouncePlan::taps (renderer/BounceLight.h)
} frame;

layout(push_constant) uniform ObjectPush {
    mat4 modelToWorld;
    vec4 normalMatrix[3];  // inverse-transpose of the model's 3x3, by columns
    uvec4 ids;             // x = instance id, y = first defect, z = defect count (defects.glsl),
                           // w = 1 when modelToWorld mirrors (its winding is reversed)
} object;

const float PI = 3.14159265358979;

// A spot light's share of its intensity along `fromLight` (unit): linear between the outer cone
// (0) and the inner one (1); 1 for other lights.
float spotFalloff(LightData light, vec3 fromLight) {
    if (light.position.w != 2.0) return 1.0;
    return clamp((dot(fromLight, light.direction.xyz) - light.cone.y) / max(light.cone.x - light.cone.y, 1e-4), 0.0, 1.0);
}

// World direction -> equirectangular uv. The image center faces world +X, +Z (up) is the top row,
// and going right in the image turns right (clockwise seen from above), as in a photo panorama.
vec2 equirectUv(vec3 worldDir) {
    float c = cos(frame.envParams.x), s = sin(frame.envParams.x);
    vec3 d = normalize(vec3(c * worldDir.x + s * worldDir.y, -s * worldDir.x + c * worldDir.y, worldDir.z));
    return vec2(0.5 - atan(d.y, d.x) / (2.0 * PI), acos(clamp(d.z, -1.0, 1.0)) / PI);
}

// Khronos PBR Neutral tone mapping (identity-like up to about 0.76, then a smooth shoulder).
vec3 toneMapPbrNeutral(vec3 color) {
    const float startCompression = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < startCompression) return color;
    const float d = 1.0 - startCompression;
    float newPeak = 1.0 - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - newPeak) + 1.0);
    return mix(color, vec3(newPeak), g);
}

// Exposure and tone mapping; the color attachment's *_SRGB format does the sRGB encoding on
// write (cheaper than pow() per pixel on CPU rasterizers, exact on GPUs).
vec3 finishColor(vec3 linearRadiance) {
    return clamp(toneMapPbrNeutral(max(linearRadiance * frame.viewport.z, vec3(0.0))), 0.0, 1.0);
}
