#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
// Amodal masks need positions only; same push constants and frame uniforms as mesh.vert.
layout(location = 0) in vec3 inPosition;
void main() { gl_Position = frame.viewProj * (object.modelToWorld * vec4(inPosition, 1.0)); }
