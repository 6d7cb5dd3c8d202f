// Indirect light: sky visibility (ambient occlusion) and one light's one-bounce light
// (renderer/BounceLight.h), computed by mesh.frag at every pixel or by indirect_gather.frag at a
// fraction of the frame's resolution (RenderSettings::indirectDownsample). Needs common.glsl.
#include "cube_atlas.glsl"
#include "gathered_surface.glsl"

// The shadow maps of the lights and, from layer frame.sky.x on, the sky-visibility views (mesh.frag's
// direct light reads the former).
layout(set = 0, binding = 1) uniform sampler2DArrayShadow shadowMaps;
// The bounce light's reflective shadow map, with mips that average it weighted by coverage
// (bounce.frag).
layout(set = 0, binding = 5) uniform sampler2D bounceAlbedo;       // rgb: diffuse albedo, a: coverage
layout(set = 0, binding = 6) uniform sampler2D bounceNormalDepth;  // xyz: world normal, w: depth in the light's view

// How an emitter at `emitter` facing `emitterNormal` (its mean over a texel, shorter where normals
// differed) lights a receiver at `position` facing `receiver`: cos_emitter cos_receiver / d^2, with d
// no shorter than sqrt(nearest2). The texels are an area, not a point, and a bilinear read across a
// step in depth floats in the air: neither may light what lies right next to it.
float emitterGeometry(vec3 position, vec3 receiver, vec3 emitter, vec3 emitterNormal, float nearest2) {
    vec3 d = position - emitter;
    float d2 = max(dot(d, d), 1e-12);
    return max(dot(emitterNormal, d), 0.0) * max(-dot(receiver, d), 0.0) / (d2 * max(d2, nearest2));
}

// One-bounce light from a sun (renderer/BounceLight.h): irradiance at this point from the surfaces
// the sun lights within the gather radius, each tap a Lambertian emitter of flux
// albedo * E * area, read from the mip whose texels are as wide as the area it stands for. A tap's
// share is capped at the irradiance a surface of its radiance filling the whole hemisphere would
// give, so taps next to the point cannot blow up.
vec3 sunBounceIrradiance(vec3 position, vec3 normal) {
    vec2 uv = (frame.bounceToLightClip * vec4(position, 1.0)).xy * 0.5 + 0.5;
    vec3 irradiance = vec3(0.0);
    int count = int(frame.bounce.x);
    for (int i = 0; i < count; ++i) {
        vec4 tap = frame.bounceTaps[i];
        vec2 tapUv = uv + tap.xy;
        vec4 albedo = textureLod(bounceAlbedo, tapUv, tap.w);  // 0 outside the map
        if (albedo.a < 1e-3) continue;
        vec4 normalDepth = textureLod(bounceNormalDepth, tapUv, tap.w) / albedo.a;
        vec3 emitter = (frame.bounceFromLightClip * vec4(tapUv * 2.0 - 1.0, normalDepth.w, 1.0)).xyz;
        // No closer than half the tap's own side, nor than the map's resolution (frame.bounce.z,
        // BouncePlan::nearestEmitter).
        float nearest2 = max(0.25 * PI * tap.z, frame.bounce.z);
        float g = emitterGeometry(position, normal, emitter, normalDepth.xyz, nearest2);
        irradiance += albedo.rgb * min(g * tap.z, 1.0);
    }
    return irradiance * frame.bounceColor.rgb;
}

// One-bounce light from a point or spot light (renderer/BounceLight.h): the same gather over the
// light's cube atlas. The taps lie in the plane through this point across the light's ray; each
// stands for the solid angle its area subtends from the light, and its texels are Lambertian
// emitters of flux albedo * I * solid angle (times a spot's falloff along the ray), capped at what
// the emitter itself receives.
vec3 lampBounceIrradiance(vec3 position, vec3 normal) {
    LightData light = frame.lights[int(frame.bounce.y)];
    vec3 ray = position - light.position.xyz;
    float distance = max(length(ray), 1e-6);
    ray /= distance;
    // A basis across the ray, continuous except straight above the light (Frisvad 2012, mirrored),
    // where surfaces rarely get light bounced onto them.
    float a = 1.0 / (1.0 - min(ray.z, 1.0 - 1e-6)), b = ray.x * ray.y * a;
    vec3 across1 = vec3(1.0 - ray.x * ray.x * a, -b, ray.x), across2 = vec3(-b, 1.0 - ray.y * ray.y * a, ray.y);
    const float texelSolidAngleSide = 2.0 / float(CUBE_FACE_SIDE);  // a level-0 texel's at the face's centre
    const float coarsestLevel = log2(float(CUBE_FACE_SIDE));       // the face is one texel
    vec3 irradiance = vec3(0.0);
    int count = int(frame.bounce.x);
    for (int i = 0; i < count; ++i) {
        vec4 tap = frame.bounceTaps[i];
        vec3 q = ray * distance + across1 * tap.x + across2 * tap.y;
        float qLength = length(q);
        vec3 direction = q / qLength;
        float solidAngle = PI * tap.z * distance / (qLength * qLength * qLength);  // a flat patch, seen at a slant
        float level = clamp(round(log2(sqrt(solidAngle) / texelSolidAngleSide)), 0.0, coarsestLevel);
        vec2 uv = cubeAtlasUv(direction, level);
        vec4 albedo = textureLod(bounceAlbedo, uv, level);
        if (albedo.a < 1e-3) continue;
        vec4 normalDepth = textureLod(bounceNormalDepth, uv, level) / albedo.a;
        vec3 emitter = light.position.xyz + direction * normalDepth.w;
        float r2 = normalDepth.w * normalDepth.w;
        // As for a sun: no nearer than half the tap's side where it lands, nor than two texels there.
        float nearest2 = max(0.25 * solidAngle * r2, frame.bounce.z * r2);
        float g = emitterGeometry(position, normal, emitter, normalDepth.xyz, nearest2);
        float received = max(-dot(normalDepth.xyz, direction), 0.0) / max(r2, 1e-12);
        irradiance += albedo.rgb * spotFalloff(light, direction) * min(g * solidAngle / PI, received);
    }
    return irradiance * frame.bounceColor.rgb;
}

vec3 bounceIrradiance(vec3 position, vec3 normal) {
    return frame.bounce.w > 0.0 ? lampBounceIrradiance(position, normal) : sunBounceIrradiance(position, normal);
}

// Ambient occlusion: the share of the sky (cosine-weighted over the surface's hemisphere) that the
// sky-visibility views see at this point. Shadow maps rather than screen-space AO: occluders out of
// frame or hidden behind others still count, the answer is deterministic, and it adds no pass over
// the frame's attachments. Each direction is one 2x2 PCF tap; weights correct the cosine-about-up
// sampling towards the surface's own cosine lobe.
float skyVisibility(vec3 position, vec3 normal) {
    int count = int(frame.sky.y);
    float seen = 0.0, total = 0.0;
    for (int i = 0; i < count; ++i) {
        vec3 d = frame.skyDirections[i].xyz;
        float w = max(dot(normal, d), 0.0) * frame.skyDirections[i].w;
        if (w <= 0.0) continue;
        float layer = frame.sky.x + float(i);
        vec3 offsetPosition = position + normal * frame.sky.w * (1.2 - dot(normal, d));
        vec4 p = frame.shadowMatrices[int(layer)] * vec4(offsetPosition, 1.0);
        vec2 uv = p.xy * 0.5 + 0.5;
        float v = 1.0;
        if (all(lessThanEqual(abs(p.xy), vec2(1.0)))) {
            float reference = p.z - frame.sky.z;
            v = texture(shadowMaps, vec4(uv, layer, reference));
            if (frame.shading.x > 0.0) {
                // Occluded only when the occluder lies within the distance: lit at the point but not
                // at the point moved that far towards the sky means the occluder is in between.
                float nearer = texture(shadowMaps, vec4(uv, layer, reference - frame.shading.x));
                v = 1.0 - (nearer - v);
            }
        }
        seen += w * v;
        total += w;
    }
    return total > 0.0 ? seen / total : 1.0;
}
