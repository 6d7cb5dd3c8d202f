#include "core/RenderQuality.h"

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

}  // namespace sg
