// Surface defects, evaluated analytically at the pixel center in each defect's footprint frame
// (x = tangent, y = bitangent, z = outward normal, model units): no UVs, any mesh. Mirrored by
// DefectGpu in renderer/DefectShading.h; families as in scenes/Defect.h.
struct DefectData {
    mat4 worldToDefect;
    vec4 shape;   // length, width, depth, curvature
    vec4 look;    // linear rgb, roughness
    uvec4 info;   // family, seed, count, contamination style
    vec4 limits;  // |z| band, min cos between surface and defect normals, squared footprint radius, chip: tolerance
};
layout(std430, set = 0, binding = 4) readonly buffer DefectBuffer { DefectData defects[]; };

const uint DEFECT_SCRATCH = 0u, DEFECT_CRACK = 1u, DEFECT_DENT = 2u, DEFECT_STAIN = 3u, DEFECT_PITTING = 4u;
const uint DEFECT_CONTAMINATION = 5u, CONTAMINATION_DUST = 0u, CONTAMINATION_FIBER = 1u;
const uint DEFECT_CHIP = 6u;

// What a defect does at one surface point: inside = the point belongs to the defect's label;
// slope = gradient of the surface height it carves (dh/dx, dh/dy in the footprint frame);
// cover = how much of the defect's own material shows (0..1).
struct DefectHit {
    bool inside;
    vec2 slope;
    float cover;
};

uint defectHash(uint x) {  // PCG-style integer hash
    x = x * 747796405u + 2891336453u;
    x = ((x >> ((x >> 28u) + 4u)) ^ x) * 277803737u;
    return (x >> 22u) ^ x;
}
float defectRandom(uint seed, uint i) { return float(defectHash(seed ^ defectHash(i)) >> 8) * (1.0 / 16777216.0); }

// A groove of parabolic cross-section h = -depth (1 - (d / halfWidth)^2) along a circular arc
// through the origin, tangent to +x, with signed curvature k and flat ends at arc length +-L/2.
DefectHit scratchAt(vec2 p, vec4 shape) {
    DefectHit hit = DefectHit(false, vec2(0.0), 0.0);
    float L = shape.x, halfWidth = 0.5 * shape.y, depth = shape.z, k = shape.w;
    float s, d;
    vec2 away;  // unit vector from the path to p
    if (abs(k) * L < 1e-4) {
        s = p.x;
        d = abs(p.y);
        away = vec2(0.0, p.y >= 0.0 ? 1.0 : -1.0);
    } else {
        vec2 c = vec2(0.0, 1.0 / k);  // circle center
        vec2 q = p - c;
        float angle = atan(k * p.x, 1.0 - k * p.y);  // angle swept from the origin, times sign(k)
        s = angle / k;
        float rho = length(q);
        d = abs(rho - 1.0 / abs(k));
        away = (rho > 1e-12 ? q / rho : vec2(0.0)) * (rho > 1.0 / abs(k) ? 1.0 : -1.0);
    }
    if (abs(s) > 0.5 * L || d > halfWidth) return hit;
    hit.inside = true;
    hit.slope = away * (2.0 * depth * d / (halfWidth * halfWidth));
    hit.cover = 1.0;
    return hit;
}

// A smooth depression h = -depth (1 - r^2/R^2)^2 inside radius R (C1 at the rim).
DefectHit dentAt(vec2 p, vec4 shape) {
    DefectHit hit = DefectHit(false, vec2(0.0), 0.0);
    float R = 0.5 * shape.x;
    float q = dot(p, p) / (R * R);
    if (q >= 1.0) return hit;
    hit.inside = true;
    hit.slope = p * (4.0 * shape.z * (1.0 - q) / (R * R));
    return hit;
}

// Distance-to-centerline test of one tapering crack segment in its own frame (u along, v across).
bool crackSegment(vec2 p, vec2 start, float angle, float len, float width, uint seed) {
    vec2 dir = vec2(cos(angle), sin(angle));
    vec2 rel = p - start;
    float u = dot(rel, dir), v = dot(rel, vec2(-dir.y, dir.x));
    if (u < 0.0 || u > len) return false;
    float t = u / len;
    float phase = 6.2831853 * defectRandom(seed, 7u);
    float wiggle = 0.05 * len * (sin(9.0 * t + phase) * 0.6 + sin(23.0 * t + 2.0 * phase) * 0.4);
    return abs(v - wiggle) <= 0.5 * width * (1.0 - t);
}

// A fracture along x from -L/2 to L/2 with a wandering course, width tapering to 0 at both tips,
// and `count` branches leaving it at random points and angles.
DefectHit crackAt(vec2 p, vec4 shape, uint seed, uint branches) {
    DefectHit hit = DefectHit(false, vec2(0.0), 0.0);
    float L = shape.x, w = shape.y;
    float phase1 = 6.2831853 * defectRandom(seed, 1u), phase2 = 6.2831853 * defectRandom(seed, 2u);
    float x = p.x / L;
    float course = 0.04 * L * (0.6 * sin(9.4 * x + phase1) + 0.4 * sin(23.0 * x + phase2));
    bool inside = abs(x) <= 0.5 && abs(p.y - course) <= 0.5 * w * (1.0 - 2.0 * abs(x));
    for (uint b = 0u; b < min(branches, 8u) && !inside; ++b) {
        uint bs = defectHash(seed + 101u * (b + 1u));
        float xb = (defectRandom(bs, 1u) - 0.5) * 0.7;
        float cb = 0.04 * L * (0.6 * sin(9.4 * xb + phase1) + 0.4 * sin(23.0 * xb + phase2));
        float side = defectRandom(bs, 2u) < 0.5 ? -1.0 : 1.0;
        float forward = defectRandom(bs, 3u) < 0.5 ? 0.0 : 3.14159265;
        float angle = forward + side * (0.4 + 0.5 * defectRandom(bs, 4u));
        float len = L * (0.15 + 0.25 * defectRandom(bs, 5u));
        inside = crackSegment(p, vec2(xb * L, cb), angle, len, 0.7 * w * (1.0 - 2.0 * abs(xb)), bs);
    }
    hit.inside = inside;
    hit.cover = inside ? 1.0 : 0.0;
    return hit;
}

// A blotch whose boundary radius varies by angle (random-phase harmonics: a 1D noise), mottled inside.
DefectHit stainAt(vec2 p, vec4 shape, uint seed) {
    DefectHit hit = DefectHit(false, vec2(0.0), 0.0);
    float R = 0.5 * shape.x;
    float a = atan(p.y, p.x);
    float boundary = 1.0 + 0.15 * sin(2.0 * a + 6.28 * defectRandom(seed, 1u)) + 0.1 * sin(3.0 * a + 6.28 * defectRandom(seed, 2u)) +
                     0.05 * sin(7.0 * a + 6.28 * defectRandom(seed, 3u));
    float r = length(p) / R;
    if (r > boundary) return hit;
    hit.inside = true;
    vec2 m = p / R;
    float mottle = 0.5 + 0.25 * sin(5.0 * m.x + 3.0 * m.y + 6.28 * defectRandom(seed, 4u)) +
                   0.25 * sin(-4.0 * m.x + 6.0 * m.y + 6.28 * defectRandom(seed, 5u));
    float fade = 1.0 - smoothstep(0.8 * boundary, boundary, r);  // thinner toward the edge
    hit.cover = mix(0.3, mix(0.6, 0.95, mottle), fade);
    return hit;
}

// `count` round bumps h = height (1 - d^2/r^2) (height < 0: pits) scattered uniformly over a disc of
// radius `spread`, of radius `radius` times (scale.x + scale.y u), u uniform in [0, 1); with
// firstAtCenter the first one sits at the center at full radius.
DefectHit bumpClusterAt(vec2 p, float spread, float radius, float height, uint seed, uint count, vec2 scale, bool firstAtCenter) {
    DefectHit hit = DefectHit(false, vec2(0.0), 0.0);
    for (uint i = 0u; i < min(count, 64u); ++i) {
        vec2 center = vec2(0.0);
        float r = radius;
        if (i > 0u || !firstAtCenter) {
            float distance = sqrt(defectRandom(seed, 3u * i)) * spread, angle = 6.2831853 * defectRandom(seed, 3u * i + 1u);
            center = distance * vec2(cos(angle), sin(angle));
            r = radius * (scale.x + scale.y * defectRandom(seed, 3u * i + 2u));
        }
        vec2 rel = p - center;
        float q = dot(rel, rel) / (r * r);
        if (q < 1.0) {
            hit.inside = true;
            hit.slope = rel * (-2.0 * height / (r * r));
            hit.cover = 1.0;
            return hit;
        }
    }
    return hit;
}

// `count` bowl-shaped pits (h = -depth (1 - d^2/r^2)) scattered uniformly over a disc of radius L/2.
DefectHit pittingAt(vec2 p, vec4 shape, uint seed, uint count) {
    return bumpClusterAt(p, 0.5 * shape.x, 0.5 * shape.y, -shape.z, seed, count, vec2(0.6, 0.8), false);
}

// Dust: `count` opaque particles (h = +depth (1 - d^2/r^2)) over a disc of radius L/2, the first at
// the center with diameter `width`, the others 50 to 100 % of it.
DefectHit dustAt(vec2 p, vec4 shape, uint seed, uint count) {
    return bumpClusterAt(p, 0.5 * shape.x, 0.5 * shape.y, shape.z, seed, count, vec2(0.5, 0.5), true);
}

// Fibers: `count` raised filaments shaped like a scratch turned inside out (h = +depth (1 - (d /
// halfWidth)^2) along an arc of length L). The first runs along +x through the origin with the
// given curvature; the others are centered within L/2 of it, turned at random, with curvature
// between -|k| and +|k|.
DefectHit fiberAt(vec2 p, vec4 shape, uint seed, uint count) {
    for (uint i = 0u; i < clamp(count, 1u, 8u); ++i) {
        vec2 local = p;
        float turn = 0.0, k = shape.w;
        if (i > 0u) {
            float distance = sqrt(defectRandom(seed, 4u * i)) * 0.5 * shape.x, angle = 6.2831853 * defectRandom(seed, 4u * i + 1u);
            turn = 6.2831853 * defectRandom(seed, 4u * i + 2u);
            k = shape.w * (2.0 * defectRandom(seed, 4u * i + 3u) - 1.0);
            vec2 rel = p - distance * vec2(cos(angle), sin(angle));
            local = vec2(cos(turn) * rel.x + sin(turn) * rel.y, -sin(turn) * rel.x + cos(turn) * rel.y);
        }
        DefectHit hit = scratchAt(local, vec4(shape.xyz, k));
        if (!hit.inside) continue;
        vec2 s = -hit.slope;  // raised, not carved; back from the fiber's frame
        hit.slope = vec2(cos(turn) * s.x - sin(turn) * s.y, sin(turn) * s.x + cos(turn) * s.y);
        return hit;
    }
    return DefectHit(false, vec2(0.0), 0.0);
}

// A chip's fracture: its cutter (the cube [-1, 1]^3 in these coordinates) was subtracted from the
// mesh, so the fracture is where the surface lies on the cutter's boundary. Distance to the
// boundary in world units: the largest (|p_i| - 1) / |grad p_i| over the three face pairs.
DefectHit chipAt(vec3 p, mat4 worldToCutter, float tolerance) {
    mat3 rows = transpose(mat3(worldToCutter));
    vec3 distance = (abs(p) - 1.0) / vec3(length(rows[0]), length(rows[1]), length(rows[2]));
    bool onCutter = abs(max(distance.x, max(distance.y, distance.z))) <= tolerance;
    return DefectHit(onCutter, vec2(0.0), onCutter ? 1.0 : 0.0);
}

// Slot (index + 1) of the first of the object's defects covering this surface point, 0 = none;
// bends the shading normal N by the carved surface and mixes in the defect's material.
uint applyDefects(vec3 worldPosition, vec3 geometricNormal, inout vec3 N, inout vec3 albedo, inout float roughness,
                  inout float metallic) {
    for (uint k = object.ids.y; k < object.ids.y + object.ids.z; ++k) {
        // Most of a part lies outside its defects' footprints: leave before any family's work (on
        // CPU rasterizers a branch no lane takes is skipped, one any lane takes runs for all), and
        // before reading the rest of the record (each member read is a gather per pixel there).
        const mat4 worldToDefect = defects[k].worldToDefect;
        const vec4 limits = defects[k].limits;
        vec3 p = (worldToDefect * vec4(worldPosition, 1.0)).xyz;
        if (abs(p.z) > limits.x || dot(p.xy, p.xy) > limits.z) continue;
        DefectData d = defects[k];
        mat3 rows = transpose(mat3(d.worldToDefect));  // rows of the world -> footprint rotation
        vec3 tangent = normalize(rows[0]), bitangent = normalize(rows[1]), normal = normalize(rows[2]);
        if (dot(geometricNormal, normal) < d.limits.y) continue;  // the far side or an edge of the part
        DefectHit hit;
        uint family = d.info.x;
        if (family == DEFECT_SCRATCH) hit = scratchAt(p.xy, d.shape);
        else if (family == DEFECT_CRACK) hit = crackAt(p.xy, d.shape, d.info.y, d.info.z);
        else if (family == DEFECT_DENT) hit = dentAt(p.xy, d.shape);
        else if (family == DEFECT_STAIN) hit = stainAt(p.xy, d.shape, d.info.y);
        else if (family == DEFECT_PITTING) hit = pittingAt(p.xy, d.shape, d.info.y, d.info.z);
        else if (family == DEFECT_CHIP) hit = chipAt(p, d.worldToDefect, d.limits.w);
        else if (d.info.w == CONTAMINATION_FIBER) hit = fiberAt(p.xy, d.shape, d.info.y, d.info.z);
        else hit = dustAt(p.xy, d.shape, d.info.y, d.info.z);
        if (!hit.inside) continue;
        N = normalize(N - hit.slope.x * tangent - hit.slope.y * bitangent);
        albedo = mix(albedo, d.look.rgb, hit.cover);
        roughness = mix(roughness, d.look.w, hit.cover);
        if (family == DEFECT_CRACK || family == DEFECT_STAIN || family == DEFECT_CONTAMINATION) metallic = mix(metallic, 0.0, hit.cover);
        return k + 1u;
    }
    return 0u;
}
