#version 450
#extension GL_GOOGLE_include_directive : require
#include "cube_atlas.glsl"
// One level of the bounce map's mip chain from the level above it (renderer/BounceLight.h): the
// average of the 2x2 texels, coverage-weighted as bounce.frag stores them, but only of those on the
// surface of the one farthest from the light: turned less than 60 degrees from its normal, and as far
// from the light as its plane puts them. A plain average would put an object's lit top and the floor
// around it at one position in between, from where the top's light would reach the object's own
// sides and underside. What the coarse levels drop are surfaces raised above their surroundings
// (tops), whose light rarely goes down onto anything; the finer levels keep them.
layout(set = 0, binding = 0) uniform sampler2D finerAlbedo;       // rgb: albedo, a: coverage
layout(set = 0, binding = 1) uniform sampler2D finerNormalDepth;  // xyz: normal, w: depth; times coverage
layout(push_constant) uniform ReducePush {
    // A texel's side at the level being built, in the map's depth units: x, plus y times the depth
    // (a cube face's texels widen with the distance from the light); z: 1 for a cube atlas.
    vec4 texelSide;
    vec4 towardsLight;  // a sun's, world
} reduce;
layout(location = 0) out vec4 outAlbedo;
layout(location = 1) out vec4 outNormalDepth;

// The direction towards the light at this texel: a sun's everywhere, in a cube atlas away from the
// ray through the texel's centre.
vec3 towardsLight() {
    if (reduce.texelSide.z == 0.0) return reduce.towardsLight.xyz;
    const float levelSide = float(textureSize(finerAlbedo, 0).x) * 0.5;  // the level being built
    const float faceSide = max(levelSide / float(CUBE_ATLAS_CELLS), 1.0);
    ivec2 cell = ivec2(gl_FragCoord.xy / faceSide);
    vec2 ndc = (gl_FragCoord.xy - vec2(cell) * faceSide) / faceSide * 2.0 - 1.0;
    return -normalize(cubeFaceToWorld(cell.x + CUBE_ATLAS_CELLS * cell.y, vec3(ndc, 1.0)));
}

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
    // On a plane turned theta from the light, texels one side apart differ in depth by side * tan
    // theta: a 2x2 block's by up to sqrt(2) of that. A quarter of a side more is what may separate
    // one surface's texels, already averages of finer ones; a raised top stands farther off.
    vec3 farthestNormal = normalize(normalDepth[farthestTexel].xyz);
    float cosine = max(abs(dot(farthestNormal, towardsLight())), 0.125);
    float side = reduce.texelSide.x + reduce.texelSide.y * farthest;
    float tolerance = side * (0.25 + 1.5 * sqrt(1.0 - cosine * cosine) / cosine);
    vec4 albedoSum = vec4(0.0), normalDepthSum = vec4(0.0);
    for (int i = 0; i < 4; ++i) {
        if (depth[i] < 0.0 || depth[i] < farthest - tolerance) continue;
        if (dot(normalize(normalDepth[i].xyz), farthestNormal) < 0.5) continue;
        albedoSum += albedo[i];
        normalDepthSum += normalDepth[i];
    }
    outAlbedo = albedoSum * 0.25;
    outNormalDepth = normalDepthSum * 0.25;
}
