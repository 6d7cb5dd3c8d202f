#version 450
// The gathered indirect light (indirect_gather.frag) averaged over the gathered pixels around each one
// that lie on its surface, before mesh.frag interpolates it to every pixel. Why: eight sky-visibility
// views make sky visibility a staircase of eight levels, each step one view's hard shadow edge (flat
// polygonal patches on curved parts, blotches along creases), and the bounce light's taps streak
// near a lamp; a path tracer's estimate of both is smooth. A tent over the 3x3 gathered pixels around
// each one turns the steps into ramps; the surface test (mesh.frag's: normal close to this one,
// position near its tangent plane) keeps light from crossing silhouettes and creases.
#extension GL_GOOGLE_include_directive : require
#include "gathered_surface.glsl"

layout(set = 0, binding = 0) uniform sampler2D gatheredIndirect;  // rgb: bounce irradiance, a: sky visibility
layout(set = 0, binding = 1) uniform sampler2D gatheredSurface;   // xyz: world position, w: packNormal (0: none)
layout(push_constant) uniform SmoothPush {
    vec4 camera;  // xyz: the camera's position (world); w: a gathered pixel's width in metres per metre of distance
} smoothing;
layout(location = 0) out vec4 outIndirect;

const int kRadius = 1;  // gathered pixels each way; the tent reaches zero one pixel further

void main() {
    ivec2 centre = ivec2(gl_FragCoord.xy);
    vec4 own = texelFetch(gatheredIndirect, centre, 0);
    vec4 surface = texelFetch(gatheredSurface, centre, 0);
    if (surface.w == 0.0) {  // no surface: nothing reads it
        outIndirect = own;
        return;
    }
    vec3 position = surface.xyz, normal = unpackNormal(surface.w);
    float spacing = distance(position, smoothing.camera.xyz) * smoothing.camera.w;  // metres between gathered pixels
    ivec2 size = textureSize(gatheredIndirect, 0);
    vec4 sum = vec4(0.0);
    float total = 0.0;
    for (int dy = -kRadius; dy <= kRadius; ++dy) {
        for (int dx = -kRadius; dx <= kRadius; ++dx) {
            ivec2 texel = centre + ivec2(dx, dy);
            if (any(lessThan(texel, ivec2(0))) || any(greaterThanEqual(texel, size))) continue;
            vec4 other = texelFetch(gatheredSurface, texel, 0);
            if (other.w == 0.0) continue;
            vec2 offset = vec2(dx, dy);
            vec2 tent = 1.0 - abs(offset) / float(kRadius + 1);
            // A curved surface leaves its tangent plane more the farther out: the tolerance grows with it.
            float w = tent.x * tent.y * onSameSurface(other, position, normal, 0.5 * spacing * max(1.0, length(offset)));
            sum += w * texelFetch(gatheredIndirect, texel, 0);
            total += w;
        }
    }
    outIndirect = sum / total;  // the centre itself has weight 1
}
