#version 450
// Reflective shadow map: per texel the diffuse albedo of the surface the light reaches first and 1
// (coverage), its world normal turned towards the light (the side it lights, whatever the mesh's
// winding) and its depth: a sun's view depth, or a cube face's distance from the light in metres
// (shaders/indirect.glsl rebuilds the position from either). Texels with no surface stay 0, so the mips average
// albedo as flux and normal and depth weighted by coverage.
layout(push_constant) uniform BouncePush {
    mat4 modelToLightClip;
    vec4 normalMatrix[3];
    vec4 albedo;
} object;
layout(location = 0) in vec3 inWorldNormal;
layout(location = 1) in vec3 inFromLight;
layout(location = 0) out vec4 outAlbedo;
layout(location = 1) out vec4 outNormalDepth;
void main() {
    const bool cubeFace = object.albedo.w > 0.0;
    vec3 towardsLight = cubeFace ? -inFromLight : vec3(object.normalMatrix[0].w, object.normalMatrix[1].w, object.normalMatrix[2].w);
    vec3 n = normalize(inWorldNormal);
    if (dot(n, towardsLight) < 0.0) n = -n;
    outAlbedo = vec4(object.albedo.rgb, 1.0);
    outNormalDepth = vec4(n, cubeFace ? length(inFromLight) : gl_FragCoord.z);
}
