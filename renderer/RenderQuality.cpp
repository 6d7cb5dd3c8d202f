#include "renderer/RenderQuality.h"

namespace sg {

// One block per preset, every quality switch of RenderSettings set explicitly in each, so a
// preset reads as a list. Rates: bench/generate/README.md "Quality presets".
RenderSettings renderSettingsFor(RenderQuality q) {
    RenderSettings s;
    switch (q) {
    case RenderQuality::Draft:
        s.colorSamples = 1;
        break;
    case RenderQuality::Standard:
        // Anti-aliasing shades every fragment a second time (renderer/README.md); on lavapipe that
        // takes generate below 30 frames/s at 640x480, so standard keeps one sample.
        s.colorSamples = 1;
        break;
    case RenderQuality::High:
        s.colorSamples = 8;  // the device's largest count up to 8 (4 on lavapipe)
        break;
    }
    return s;
}

}  // namespace sg
