#version 450
#extension GL_GOOGLE_include_directive : require
#include "cube_atlas.glsl"
// Reflective shadow map (renderer/BounceLight.h): what the light sees, with its normals.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(push_constant) uniform BouncePush {
    mat4 modelToLightClip;
    vec4 normalMatrix[3];  // xyz: model -> world, inverse-transpose, by columns; w: a sun's direction towards it
    vec4 albedo;           // rgb: diffuse reflectance, linear; w: 0 for a sun, 1 + the face of a cube atlas
} object;
layout(location = 0) out vec3 outWorldNormal;
layout(location = 1) out vec3 outFromLight;  // a cube face's: the world offset from the light
void main() {
    outWorldNormal = mat3(object.normalMatrix[0].xyz, object.normalMatrix[1].xyz, object.normalMatrix[2].xyz) * inNormal;
    gl_Position = object.modelToLightClip * vec4(inPosition, 1.0);
    // A cube face's clip x, y and w are the point's coordinates in the face's view (BounceLight.cpp,
    // cubeFaceToClip), linear in world space, so they interpolate exactly.
    int face = int(object.albedo.w) - 1;
    outFromLight = face >= 0 ? cubeFaceToWorld(face, gl_Position.xyw) : vec3(0.0);
}
