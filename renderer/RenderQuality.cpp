#include "renderer/RenderQuality.h"

namespace sg {

// One block per preset, every quality switch of RenderSettings set explicitly in each, so a
// preset reads as a list. Rates: bench/generate/README.md "Quality presets"; image quality against
// Blender Cycles: bench/quality/README.md.
RenderSettings renderSettingsFor(RenderQuality q) {
    RenderSettings s;
    switch (q) {
        case RenderQuality::Draft:
            s.colorSamples = 1;
            s.shadowFilterTaps = 1;  // one hardware 2x2 compare: hard shadow edges
            s.shadowResolutionScale = 1.0f;
            s.skyVisibilityViews = 0;
            s.skyOcclusionDistance = 0.0f;
            s.burleyDiffuse = false;
            s.bounceSamples = 0;
            s.bounceRadius = 1.0f;
            s.indirectDownsample = 1;
            s.pixelFilterSigma = 0.0f;  // each pixel its own square
            break;
        case RenderQuality::Standard:
            // Anti-aliasing shades every fragment a second time and each sky-visibility view is one more
            // depth pass of the scene (renderer/README.md); on lavapipe either takes generate below
            // 30 frames/s at 640x480, so standard keeps one sample and no ambient occlusion. Filtered
            // shadows and the pixel filter cost a few ms of CPU per frame.
            s.colorSamples = 1;
            s.shadowFilterTaps = 8;
            s.shadowResolutionScale = 1.0f;
            s.skyVisibilityViews = 0;
            s.skyOcclusionDistance = 0.0f;
            s.burleyDiffuse = true;  // a few ALU operations; closer to a path tracer (bench/quality)
            s.bounceSamples = 0;
            s.bounceRadius = 1.0f;
            s.indirectDownsample = 1;
            s.pixelFilterSigma = 0.5f;  // a path tracer's pixel filter (pbrt-v4's Gaussian)
            break;
        case RenderQuality::High:
            s.colorSamples = 8;  // the device's largest count up to 8 (4 on lavapipe)
            s.shadowFilterTaps = 16;
            s.shadowResolutionScale = 2.0f;  // thin and far casters keep their shadows
            s.skyVisibilityViews = 8;
            s.skyOcclusionDistance = 0.1f;  // contact occlusion; walls far apart do not darken each other
            s.burleyDiffuse = true;         // closer to a path tracer's Principled BSDF (bench/quality)
            s.bounceSamples = 20;           // light the sun or a lamp bounces off the floor onto faces it misses
            s.bounceRadius = 1.0f;
            s.indirectDownsample = 4;  // sky visibility and bounce light at 1/4 of the width and height
            s.pixelFilterSigma = 0.5f;
            break;
    }
    return s;
}

}  // namespace sg
