#version 450
// Indirect light gathered at a fraction of the frame's resolution (RenderSettings::indirectDownsample):
// per low-resolution pixel, the bounce light and the sky visibility at the surface its centre
// sees, and that surface's position and normal, from which mesh.frag tells whether a pixel lies on
// the same surface before interpolating (renderer/README.md "Indirect light at a fraction of the
// resolution").
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
#include "indirect.glsl"

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inWorldNormal;

layout(location = 0) out vec4 outIndirect;  // rgb: bounce irradiance (W/m^2), a: sky visibility
layout(location = 1) out vec4 outSurface;   // xyz: world position, w: packNormal(normal) (cleared: 0)

void main() {
    vec3 normal = normalize(inWorldNormal);
    bool frontFacing = gl_FrontFacing != (object.ids.w != 0u);  // as mesh.frag: the side seen
    if (!frontFacing) normal = -normal;
    float visibility = frame.sky.y > 0.0 ? skyVisibility(inWorldPosition, normal) : 1.0;
    vec3 bounce = frame.bounce.x > 0.0 ? bounceIrradiance(inWorldPosition, normal) : vec3(0.0);
    outIndirect = vec4(bounce, visibility);
    outSurface = vec4(inWorldPosition, packNormal(normal));
}
