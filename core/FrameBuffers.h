#pragma once
// The aligned per-pixel buffers of one render, as plain data. The renderer fills them
// (renderer/Renderer.h); labels, sensor effects and exporters read them without depending on the
// renderer. Conventions: docs/conventions.md (pixel (x, y) is the sample at the pixel center).
#include "core/Image.h"

#include <vector>

namespace sg {

// The whole silhouette of one object as if nothing else were in the scene, cropped to its box.
struct AmodalMask {
    int x0 = 0, y0 = 0;  // top-left pixel of `mask` in the frame
    ImageU8 mask;        // 1 = covered, 0 = not; empty when the object is entirely off-screen
};

struct FrameBuffers {
    ImageU8 rgb;                     // 3 channels, sRGB-encoded, tone mapped
    ImageU32 instanceId;             // 0 = background, objects[i] -> i + 1
    ImageF32 depth;                  // planar Z in the camera frame, metres; 0 where nothing was hit
    ImageF32 normals;                // 3 channels, unit normals in the OpenCV camera frame; 0 where nothing was hit
                                     // (empty when RenderSettings::normals is off)
    std::vector<AmodalMask> amodal;  // one per scene object when requested, else empty
    // Surface defects, decided by the renderer at pixel centers like the instance ids: 0 = no
    // defect, else the label instance id of the defect drawn there (ids above every object's).
    // Empty when the scene has no defects.
    ImageU32 defectId;
    // With RenderSettings::amodalMasks: each defect's whole footprint on its part drawn alone, one per
    // defect in listDefects() order (scenes/Defect.h); else empty.
    std::vector<AmodalMask> defectAmodal;
};

}  // namespace sg
