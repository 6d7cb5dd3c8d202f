#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inTangent;

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outWorldNormal;
layout(location = 2) out vec2 outUv;
layout(location = 3) out vec4 outWorldTangent;

void main() {
    vec4 world = object.modelToWorld * vec4(inPosition, 1.0);
    mat3 normalMatrix = mat3(object.normalMatrix[0].xyz, object.normalMatrix[1].xyz, object.normalMatrix[2].xyz);
    outWorldPosition = world.xyz;
    outWorldNormal = normalMatrix * inNormal;
    outUv = inUv;
    outWorldTangent = vec4(mat3(object.modelToWorld) * inTangent.xyz, inTangent.w);
    gl_Position = frame.viewProj * world;
}
