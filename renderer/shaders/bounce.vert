#version 450
// Reflective shadow map (renderer/BounceLight.h): what the light sees, with its normals.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(push_constant) uniform BouncePush {
    mat4 modelToLightClip;
    vec4 normalMatrix[3];  // xyz: model -> world, inverse-transpose, by columns; w: towards the light
    vec4 albedo;           // diffuse reflectance, linear rgb
} object;
layout(location = 0) out vec3 outWorldNormal;
void main() {
    outWorldNormal = mat3(object.normalMatrix[0].xyz, object.normalMatrix[1].xyz, object.normalMatrix[2].xyz) * inNormal;
    gl_Position = object.modelToLightClip * vec4(inPosition, 1.0);
}
