#version 450
layout(location = 0) in vec3 inPosition;
layout(push_constant) uniform ShadowPush { mat4 modelToShadowClip; } object;
void main() { gl_Position = object.modelToShadowClip * vec4(inPosition, 1.0); }
