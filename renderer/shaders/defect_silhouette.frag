#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
#include "defects.glsl"
// Amodal defect masks: the part drawn alone (defect_silhouette.vert), covered where the one defect the push
// constants name (first = ids.y, count 1) contains the pixel center, by the same test as mesh.frag.
layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inWorldNormal;
layout(location = 0) out vec4 outCoverage;
void main() {
    vec3 n = normalize(inWorldNormal);
    if (gl_FrontFacing == (object.ids.w != 0u)) n = -n;  // a back face (as in mesh.frag, mirroring included)
    vec3 N = n, albedo = vec3(0.0);
    float roughness = 0.0, metallic = 0.0;
    if (applyDefects(inWorldPosition, n, N, albedo, roughness, metallic) == 0u) discard;
    outCoverage = vec4(1.0);
}
