#version 450
// One level of the bounce map's mip chain from the level above it (renderer/BounceLight.h): the
// average of the 2x2 texels, coverage-weighted as bounce.frag stores them, but only of the surfaces
// within a tolerance of the one farthest from the light. A plain average would put an object's lit
// top and the floor around it at one position in between, from where the top's light would reach
// the object's own sides and underside. What the coarse levels drop are surfaces raised above
// their surroundings (tops), whose light rarely goes down onto anything; the finer levels keep them.
layout(set = 0, binding = 0) uniform sampler2D finerAlbedo;       // rgb: albedo, a: coverage
layout(set = 0, binding = 1) uniform sampler2D finerNormalDepth;  // xyz: normal, w: depth; times coverage
layout(push_constant) uniform ReducePush {
    vec4 params;  // depth tolerance: x in the map's depth units, plus y times the farthest depth
} reduce;
layout(location = 0) out vec4 outAlbedo;
layout(location = 1) out vec4 outNormalDepth;

void main() {
    const ivec2 offsets[4] = ivec2[](ivec2(0, 0), ivec2(1, 0), ivec2(0, 1), ivec2(1, 1));
    ivec2 base = ivec2(gl_FragCoord.xy) * 2;
    vec4 albedo[4], normalDepth[4];
    float depth[4];
    float farthest = -1.0;
    int farthestTexel = 0;
    for (int i = 0; i < 4; ++i) {
        albedo[i] = texelFetch(finerAlbedo, base + offsets[i], 0);
        normalDepth[i] = texelFetch(finerNormalDepth, base + offsets[i], 0);
        depth[i] = albedo[i].a > 0.0 ? normalDepth[i].w / albedo[i].a : -1.0;
        if (depth[i] > farthest) {
            farthest = depth[i];
            farthestTexel = i;
        }
    }
    vec3 farthestNormal = normalize(normalDepth[farthestTexel].xyz);
    vec4 albedoSum = vec4(0.0), normalDepthSum = vec4(0.0);
    for (int i = 0; i < 4; ++i) {
        if (depth[i] < 0.0 || depth[i] < farthest - (reduce.params.x + reduce.params.y * farthest)) continue;
        if (dot(normalize(normalDepth[i].xyz), farthestNormal) < 0.5) continue;
        albedoSum += albedo[i];
        normalDepthSum += normalDepth[i];
    }
    outAlbedo = albedoSum * 0.25;
    outNormalDepth = normalDepthSum * 0.25;
}
