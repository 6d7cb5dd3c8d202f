#version 450
// mesh.vert's positions and normals only: all indirect_gather.frag needs.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outWorldNormal;

void main() {
    vec4 world = object.modelToWorld * vec4(inPosition, 1.0);
    mat3 normalMatrix = mat3(object.normalMatrix[0].xyz, object.normalMatrix[1].xyz, object.normalMatrix[2].xyz);
    outWorldPosition = world.xyz;
    outWorldNormal = normalMatrix * inNormal;
    gl_Position = frame.viewProj * world;
}
