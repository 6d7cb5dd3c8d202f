#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
#include "defects.glsl"
#include "indirect.glsl"

layout(set = 0, binding = 2) uniform sampler2D environmentMap;
// Binding 1 (shadow maps), 5 and 6 (the bounce light's map) are declared in indirect.glsl; 3 and 4
// are background.frag's photo and the defects.
// The indirect light gathered at a fraction of the resolution (indirect_gather.frag), smoothed over
// each surface (indirect_smooth.frag), and the surfaces it was gathered on.
layout(set = 0, binding = 8) uniform sampler2D gatheredIndirect;  // rgb: bounce irradiance, a: sky visibility
layout(set = 0, binding = 9) uniform sampler2D gatheredSurface;   // xyz: world position, w: packNormal (0 = none)
// The split-sum environment BRDF (renderer/EnvironmentBrdf.h): rg = scale and bias of F0 at
// uv = (N.V, roughness).
layout(set = 0, binding = 7) uniform sampler2D environmentBrdf;

layout(set = 1, binding = 0) uniform MaterialUniforms {
    vec4 baseColor;
    vec4 emissive;  // rgb, w = normal scale
    vec4 params;    // metallic, roughness, occlusion strength, 1 = has a normal texture
    vec4 hasTexture;  // base color, metallic-roughness, emissive, occlusion: 1 = present
} material;
layout(set = 1, binding = 1) uniform sampler2D baseColorTexture;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTexture;
layout(set = 1, binding = 3) uniform sampler2D normalTexture;
layout(set = 1, binding = 4) uniform sampler2D emissiveTexture;
layout(set = 1, binding = 5) uniform sampler2D occlusionTexture;

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inWorldNormal;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inWorldTangent;

layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outInstanceId;
layout(location = 2) out vec4 outCameraNormal;

float distributionGgx(float NdotH, float alpha) {
    float a2 = alpha * alpha;
    float d = NdotH * NdotH * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

// Height-correlated Smith visibility V = G / (4 NdotL NdotV), Hammon's sqrt-free approximation.
float visibilitySmith(float NdotL, float NdotV, float alpha) {
    return 0.5 / max(mix(2.0 * NdotL * NdotV, NdotL + NdotV, alpha), 1e-6);
}

vec3 fresnelSchlick(vec3 f0, float VdotH) {
    float f = 1.0 - VdotH;
    float f2 = f * f;
    return f0 + (1.0 - f0) * (f2 * f2 * f);  // no pow(): CPU rasterizers pay dearly for it
}

vec3 irradianceSh(vec3 n) {
    if (!ENV_IMAGE) return PI * frame.envColor.rgb;  // flat: E = pi L
    float c = cos(frame.envParams.x), s = sin(frame.envParams.x);
    vec3 d = vec3(c * n.x + s * n.y, -s * n.x + c * n.y, n.z);
    vec3 e = frame.sh[0].rgb * 0.282095
           + frame.sh[1].rgb * 0.488603 * d.y + frame.sh[2].rgb * 0.488603 * d.z + frame.sh[3].rgb * 0.488603 * d.x
           + frame.sh[4].rgb * 1.092548 * d.x * d.y + frame.sh[5].rgb * 1.092548 * d.y * d.z
           + frame.sh[6].rgb * 0.315392 * (3.0 * d.z * d.z - 1.0) + frame.sh[7].rgb * 1.092548 * d.x * d.z
           + frame.sh[8].rgb * 0.546274 * (d.x * d.x - d.y * d.y);
    return max(e, vec3(0.0));
}

vec3 environmentRadiance(vec3 dir, float roughness) {
    if (!ENV_IMAGE) return frame.envColor.rgb;
    return textureLod(environmentMap, equirectUv(dir), roughness * frame.envParams.z).rgb * frame.backgroundParams.z;
}

float shadowFactor(LightData light, vec3 position, vec3 normal, vec3 toLight) {
    float firstLayer = light.shadow.x;
    if (firstLayer < 0.0) return 1.0;
    float layer = firstLayer;
    if (light.shadow.y == 6.0) {  // point light inside the scene: six views, pick the face of the major axis
        vec3 d = position - light.position.xyz;
        vec3 a = abs(d);
        if (a.x >= a.y && a.x >= a.z) layer += d.x > 0.0 ? 0.0 : 1.0;
        else if (a.y >= a.z) layer += d.y > 0.0 ? 2.0 : 3.0;
        else layer += d.z > 0.0 ? 4.0 : 5.0;
    }
    // Offset along the normal, more at grazing angles, to keep surfaces from shadowing themselves;
    // scaled with the filter radius, since a wider kernel reaches further along a slanted receiver.
    float NdotL = clamp(dot(normal, toLight), 0.0, 1.0);
    float radius = frame.shadowFilter.y;
    float widen = SHADOW_TAPS > 1 ? 1.0 + 0.5 * radius : 1.0;
    vec3 offsetPosition = position + normal * light.shadow.w * widen * (1.0 - NdotL + 0.2);
    vec4 p = frame.shadowMatrices[int(layer)] * vec4(offsetPosition, 1.0);
    if (p.w <= 0.0) return 1.0;
    p.xyz /= p.w;
    if (any(greaterThan(abs(p.xy), vec2(1.0))) || p.z > 1.0) return 1.0;
    vec2 uv = p.xy * 0.5 + 0.5;
    float reference = p.z - light.shadow.z * widen;
    // One tap: with linear filtering the comparison is already a 2x2 percentage-closer filter.
    if (SHADOW_TAPS <= 1) return texture(shadowMaps, vec4(uv, layer, reference));
    // Several such taps on a Poisson disk, rotated per pixel by interleaved gradient noise of the
    // pixel coordinates (Jimenez 2014): stable frame to frame, the banding of a fixed pattern
    // becomes fine noise instead of stair steps. Points are in farthest-point order, so any
    // first n of them spread over the disk.
    const vec2 disk[16] = vec2[](
        vec2(0.2240, 0.0323), vec2(-0.9465, -0.1484), vec2(-0.1665, -0.9629), vec2(-0.2558, 0.8929),
        vec2(0.9254, 0.5620), vec2(0.6670, -0.7273), vec2(-0.3935, 0.1569), vec2(0.3306, 0.9320),
        vec2(-0.5863, -0.5847), vec2(-0.7431, 0.5353), vec2(-0.1224, -0.3127), vec2(0.8474, 0.0998),
        vec2(0.0683, 0.4617), vec2(0.1376, -0.6446), vec2(0.4276, -0.2910), vec2(0.5610, 0.4538));
    float angle = 6.2831853 * fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    float c = cos(angle), s = sin(angle);
    mat2 rotation = mat2(c, s, -s, c) * (radius * frame.backgroundParams.y);
    const int taps = min(SHADOW_TAPS, 16);  // the disk's size
    float lit = 0.0;
    for (int i = 0; i < taps; ++i) lit += texture(shadowMaps, vec4(uv + rotation * disk[i], layer, reference));
    return lit / float(taps);
}

// Burley's diffuse (Burley 2012, "Physically Based Shading at Disney"; the diffuse of Blender's
// Principled BSDF) relative to Lambert's: rough surfaces reflect more back towards the light and at
// grazing angles, smooth ones less.
float burleyDiffuseFactor(float NdotL, float NdotV, float LdotH, float roughness) {
    float fd90 = 0.5 + 2.0 * roughness * LdotH * LdotH;
    float towardsLight = 1.0 + (fd90 - 1.0) * pow(1.0 - NdotL, 5.0);
    float towardsViewer = 1.0 + (fd90 - 1.0) * pow(1.0 - NdotV, 5.0);
    return towardsLight * towardsViewer;
}

// burleyDiffuseFactor's mean over a uniform environment (light from every direction of the cosine
// lobe) seen at NdotV, in closed form: with k = F90 - 1 = roughness (1 + L.V) - 1/2 the factor is
// 1 + k a + k b + k^2 a b, a = (1 - N.L)^5, b = (1 - N.V)^5, and each term's mean is a moment of the
// cosine lobe: E[a] = 1/21, E[N.L a] = 1/84, E[(N.L)^2 a] = 1/252, E[L.V] = 2/3 N.V. For image-based
// light it stands in for the factor of each direction (exact for a flat environment).
float burleyAmbientFactor(float NdotV, float roughness) {
    float r = roughness, h = roughness - 0.5;
    float meanK = r * (1.0 + 2.0 / 3.0 * NdotV) - 0.5;
    float meanKA = r * (1.0 / 21.0 + NdotV / 84.0) - 0.5 / 21.0;
    float meanK2A = h * h / 21.0 + h * r * NdotV / 42.0 + r * r * (NdotV * NdotV / 252.0 + 11.0 * (1.0 - NdotV * NdotV) / 504.0);
    float v = 1.0 - NdotV, b = v * v * v * v * v;
    return 1.0 + meanKA + b * (meanK + meanK2A);
}

// Light that occluded directions still return after more bounces, from the occlusion and the
// albedo (Jimenez et al. 2016, "Practical Real-Time Strategies for Accurate Indirect Occlusion").
vec3 multiBounce(float visibility, vec3 albedo) {
    vec3 a = 2.0404 * albedo - 0.3324;
    vec3 b = -4.7951 * albedo + 0.6417;
    vec3 c = 2.7552 * albedo + 0.6903;
    return max(vec3(visibility), ((visibility * a + b) * visibility + c) * visibility);
}

// The indirect light at this pixel from the gathered image (indirect_gather.frag; frame.shading.y
// = its downsampling factor): the four nearest gathered points, weighted bilinearly and only as
// far as they lie on this surface (their normal close to this one, their position near its
// tangent plane, within a fraction of the distance between them). Where none does (a silhouette,
// an object thinner than the gathered pixels) the points' plain mean stands in: a pixel or two
// along an edge, where the bounce light and sky visibility of neighbouring surfaces differ little.
// rgb: bounce irradiance, a: sky visibility.
vec4 upsampledIndirect(vec3 position, vec3 normal) {
    float scale = frame.shading.y;
    vec2 p = gl_FragCoord.xy / scale - 0.5;
    vec2 cell = floor(p), f = p - cell;
    ivec2 last = textureSize(gatheredIndirect, 0) - 1;
    float spacing = distance(position, frame.cameraPosition.xyz) * scale / frame.intrinsics.x;  // metres
    vec4 sum = vec4(0.0), plain = vec4(0.0);
    float total = 0.0, surfaces = 0.0;
    for (int i = 0; i < 4; ++i) {
        vec2 corner = vec2(i & 1, i >> 1);
        ivec2 texel = clamp(ivec2(cell + corner), ivec2(0), last);
        vec4 indirect = texelFetch(gatheredIndirect, texel, 0);
        vec4 surface = texelFetch(gatheredSurface, texel, 0);
        float covered = surface.w > 0.0 ? 1.0 : 0.0;
        vec2 bilinear = mix(1.0 - f, f, corner);
        float w = covered * bilinear.x * bilinear.y * onSameSurface(surface, position, normal, 0.5 * spacing);
        sum += w * indirect;
        total += w;
        plain += covered * indirect;
        surfaces += covered;
    }
    if (total > 1e-4) return sum / total;
    return surfaces > 0.0 ? plain / surfaces : vec4(0.0, 0.0, 0.0, 1.0);
}

void main() {
    vec3 geometricNormal = normalize(inWorldNormal);
    // Culling is off: back faces (open meshes, double-sided or not) are shaded as seen. A mirrored
    // object's front faces reach the rasterizer wound clockwise, so gl_FrontFacing is false on them.
    bool frontFacing = gl_FrontFacing != (object.ids.w != 0u);
    if (!frontFacing) geometricNormal = -geometricNormal;
    outInstanceId = object.ids.x;
    outCameraNormal = vec4(mat3(frame.worldToCamera) * geometricNormal, 0.0);  // rotation: stays unit

    // Absent textures are compiled out (specialization constants).
    vec4 base = material.baseColor;
    if (BASE_COLOR_TEXTURE) base *= texture(baseColorTexture, inUv);
    vec4 mr = METALLIC_ROUGHNESS_TEXTURE ? texture(metallicRoughnessTexture, inUv) : vec4(1.0);
    float metallic = clamp(material.params.x * mr.b, 0.0, 1.0);
    float roughness = clamp(material.params.y * mr.g, 0.03, 1.0);
    float alpha = roughness * roughness;
    float occlusion = OCCLUSION_TEXTURE ? 1.0 + material.params.z * (texture(occlusionTexture, inUv).r - 1.0) : 1.0;
    vec3 emissive = material.emissive.rgb;
    if (EMISSIVE_TEXTURE) emissive *= texture(emissiveTexture, inUv).rgb;

    vec3 N = geometricNormal;
    if (NORMAL_TEXTURE) {
        vec3 T = inWorldTangent.xyz - geometricNormal * dot(geometricNormal, inWorldTangent.xyz);
        T = dot(T, T) > 1e-12 ? normalize(T) : normalize(cross(geometricNormal.zxy, geometricNormal));
        vec3 B = cross(geometricNormal, T) * (inWorldTangent.w < 0.0 ? -1.0 : 1.0);
        vec3 t = texture(normalTexture, inUv).xyz * 2.0 - 1.0;
        t.xy *= material.emissive.w;
        N = normalize(mat3(T, B, geometricNormal) * t);
    }

    if (DEFECTS) {
        // The defect id shares the instance attachment's high bits (renderer/DefectShading.h); the
        // normals buffer shows the surface the defect carved.
        vec3 albedo = base.rgb;
        uint slot = applyDefects(inWorldPosition, geometricNormal, N, albedo, roughness, metallic);
        base.rgb = albedo;
        alpha = roughness * roughness;
        outInstanceId = object.ids.x | (slot << 20u);
        if (slot != 0u) outCameraNormal = vec4(mat3(frame.worldToCamera) * N, 0.0);
    }

    vec3 V = normalize(frame.cameraPosition.xyz - inWorldPosition);
    float NdotV = max(dot(N, V), 1e-4);
    vec3 diffuseColor = base.rgb * (1.0 - metallic);
    vec3 f0 = mix(vec3(0.04), base.rgb, metallic);

    vec3 radiance = emissive;
    for (int i = 0; i < LIGHT_COUNT; ++i) {  // constant trip count: unrolled, constant indices
        LightData light = frame.lights[i];
        vec3 L;
        vec3 incoming = light.color.rgb;
        if (light.position.w == 0.0) {
            L = -light.direction.xyz;  // unit length, normalized on the CPU
        } else {
            vec3 d = light.position.xyz - inWorldPosition;
            float dist2 = max(dot(d, d), 1e-8);
            L = d * inversesqrt(dist2);
            incoming *= spotFalloff(light, -L) / dist2;
        }
        float NdotL = dot(N, L);
        if (NdotL <= 0.0 || dot(geometricNormal, L) <= 0.0) continue;
        if (SHADOWS) incoming *= shadowFactor(light, inWorldPosition, geometricNormal, L);
        vec3 H = normalize(L + V);
        vec3 F = fresnelSchlick(f0, max(dot(V, H), 0.0));
        vec3 specular = F * (distributionGgx(max(dot(N, H), 0.0), alpha) * visibilitySmith(NdotL, NdotV, alpha));
        // glTF mixes diffuse and specular by Fresnel; Burley's model (Blender's Principled BSDF) adds them,
        // its factor standing for the Fresnel of light entering and leaving the surface.
        vec3 diffuse = diffuseColor * (1.0 / PI);
        if (BURLEY_DIFFUSE) diffuse *= burleyDiffuseFactor(NdotL, NdotV, max(dot(L, H), 0.0), roughness);
        else diffuse *= 1.0 - F;
        radiance += (diffuse + specular) * incoming * NdotL;
    }

    // Image-based ambient: SH9 irradiance for diffuse; a roughness-blurred mip for specular with
    // the split-sum environment BRDF, integrated on the CPU (renderer/EnvironmentBrdf.h).
    vec3 R = reflect(-V, N);
    vec2 AB = textureLod(environmentBrdf, vec2(NdotV, roughness), 0.0).rg;
    vec3 ambientDiffuse = diffuseColor * irradianceSh(N) * (1.0 / PI);
    if (BURLEY_DIFFUSE) ambientDiffuse *= burleyAmbientFactor(NdotV, roughness);
    vec3 ambientSpecular = environmentRadiance(R, roughness) * (f0 * AB.x + AB.y);
    // Sky visibility and bounce light from the gathered image where the frame has one, else per pixel
    // (both use the geometric normal: they are too smooth to show a normal map).
    vec4 gathered = INDIRECT_GATHERED ? upsampledIndirect(inWorldPosition, geometricNormal) : vec4(0.0, 0.0, 0.0, 1.0);
    if (SHADOWS && SKY_VISIBILITY && frame.sky.y > 0.0) {
        float visibility = INDIRECT_GATHERED ? gathered.a : skyVisibility(inWorldPosition, geometricNormal);
        ambientDiffuse *= multiBounce(visibility, diffuseColor);
        ambientSpecular *= visibility;
    }
    if (SHADOWS && BOUNCE_LIGHT && frame.bounce.x > 0.0) {
        vec3 bounce = INDIRECT_GATHERED ? gathered.rgb : bounceIrradiance(inWorldPosition, geometricNormal);
        ambientDiffuse += diffuseColor * bounce * (1.0 / PI);
    }
    radiance += (ambientDiffuse + ambientSpecular) * occlusion;

    outColor = vec4(finishColor(radiance), 1.0);
}
