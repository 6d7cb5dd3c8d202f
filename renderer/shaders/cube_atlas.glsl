// A point or spot light's reflective shadow map: six 90-degree views from the light in one 2D map
// (renderer/BounceLight.h). Face f = 2k + (negative ? 1 : 0) looks along world axis k; its clip x
// runs along axis (k+1) % 3, its clip y along (k+2) % 3 (cubeFaceToClip in BounceLight.cpp).
// Face f sits in cell (f % 4, f / 4) of a 4 x 4 grid over the map.
#define CUBE_FACE_SIDE 128  // kBounceCubeFaceSide
#define CUBE_ATLAS_CELLS 4  // kBounceMapSide / kBounceCubeFaceSide

// A point in face `face`'s view space (x, y along its clip axes, z along the axis it looks along)
// as a world-space offset from the light.
vec3 cubeFaceToWorld(int face, vec3 v) {
    int k = face / 2;
    vec3 w;
    w[k] = (face % 2 == 1) ? -v.z : v.z;
    w[(k + 1) % 3] = v.x;
    w[(k + 2) % 3] = v.y;
    return w;
}

// Where the light's ray along `d` lands in the atlas, read at mip `level`: kept half a texel of that
// level inside its face, so bilinear filtering never blends in the face next to it in the map.
vec2 cubeAtlasUv(vec3 d, float level) {
    vec3 a = abs(d);
    int k = (a.x >= a.y && a.x >= a.z) ? 0 : (a.y >= a.z ? 1 : 2);
    int face = 2 * k + (d[k] < 0.0 ? 1 : 0);
    vec2 faceUv = vec2(d[(k + 1) % 3], d[(k + 2) % 3]) / a[k] * 0.5 + 0.5;
    float halfTexel = 0.5 / float(CUBE_FACE_SIDE >> int(level));
    faceUv = clamp(faceUv, halfTexel, 1.0 - halfTexel);
    return (vec2(face % CUBE_ATLAS_CELLS, face / CUBE_ATLAS_CELLS) + faceUv) / float(CUBE_ATLAS_CELLS);
}
