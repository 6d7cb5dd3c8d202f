#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(set = 0, binding = 2) uniform sampler2D environmentMap;
layout(set = 0, binding = 3) uniform sampler2D backgroundImage;  // sRGB: decoded on read, re-encoded on write

layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outInstanceId;
layout(location = 2) out vec4 outCameraNormal;

void main() {
    outInstanceId = 0u;
    outCameraNormal = vec4(0.0);
    if (BACKGROUND_PHOTO) {
        outColor = vec4(texture(backgroundImage, gl_FragCoord.xy / frame.viewport.xy).rgb, 1.0);
        return;
    }
    // OpenCV pixel (u, v) sits at framebuffer coordinate (u + 0.5, v + 0.5).
    vec2 uv = gl_FragCoord.xy - 0.5;
    vec3 ray = vec3((uv.x - frame.intrinsics.z) / frame.intrinsics.x, (uv.y - frame.intrinsics.w) / frame.intrinsics.y, 1.0);
    vec3 dir = normalize(mat3(frame.cameraToWorld) * ray);
    vec3 radiance = ENV_IMAGE
        ? textureLod(environmentMap, equirectUv(dir), 0.0).rgb * frame.backgroundParams.z
        : frame.envColor.rgb;
    outColor = vec4(finishColor(radiance), 1.0);
}
