#include "renderer/RenderQuality.h"

#include <stdexcept>

namespace sg {

const char* renderQualityName(RenderQuality q) {
    switch (q) {
    case RenderQuality::Draft: return "draft";
    case RenderQuality::Standard: return "standard";
    case RenderQuality::High: return "high";
    }
    return "?";
}

const char* renderQualityChoices() { return "draft, standard or high"; }

RenderQuality parseRenderQuality(const std::string& name) {
    for (RenderQuality q : {RenderQuality::Draft, RenderQuality::Standard, RenderQuality::High})
        if (name == renderQualityName(q)) return q;
    throw std::invalid_argument("unknown quality \"" + name + "\": use " + renderQualityChoices());
}

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
