// The surface each pixel of the gathered indirect light sees (indirect_gather.frag writes it: world
// position and packed normal), and how much another point lies on it (indirect_smooth.frag and
// mesh.frag weigh gathered points by that).

// A unit normal in one float, exactly: octahedral coordinates (Meyer et al. 2010) in 10 bits each,
// packed as the whole number 1 + x * 1024 + y (below 2^24; 0 is left for "no surface"). About 0.2
// degrees, plenty for telling surfaces apart; a whole number never reads back as NaN, whatever the
// GPU does with float bits.
// The octahedron's lower half folded over its upper half (and back: the fold is its own inverse).
vec2 octahedralFold(vec3 n) { return (1.0 - abs(n.yx)) * vec2(n.x >= 0.0 ? 1.0 : -1.0, n.y >= 0.0 ? 1.0 : -1.0); }

float packNormal(vec3 n) {
    n /= abs(n.x) + abs(n.y) + abs(n.z);
    vec2 e = n.z < 0.0 ? octahedralFold(n) : n.xy;
    vec2 q = floor((e * 0.5 + 0.5) * 1023.0 + 0.5);
    return 1.0 + q.x * 1024.0 + q.y;
}

vec3 unpackNormal(float packed) {
    float xy = packed - 1.0, x = floor(xy / 1024.0);
    vec2 e = vec2(x, xy - x * 1024.0) / 1023.0 * 2.0 - 1.0;
    vec3 n = vec3(e, 1.0 - abs(e.x) - abs(e.y));
    if (n.z < 0.0) n.xy = octahedralFold(n);
    return normalize(n);
}

// How much gathered point `gathered` (xyz: world position, w: packNormal) lies on the surface through
// `position` with normal `normal`: its normal's cosine to this one to the 8th power, times a weight
// falling linearly to 0 as it leaves the tangent plane by `tolerance` metres.
float onSameSurface(vec4 gathered, vec3 position, vec3 normal, float tolerance) {
    float facing = max(dot(unpackNormal(gathered.w), normal), 0.0);
    facing *= facing;
    facing *= facing;
    float offPlane = abs(dot(gathered.xyz - position, normal)) / tolerance;
    return facing * facing * max(1.0 - offPlane, 0.0);
}
