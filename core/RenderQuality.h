#pragma once
// The names of the quality presets (`--quality draft|standard|high`, the scenario key "quality").
// What each preset renders is renderer/RenderQuality.h; the names live here so scenario files can
// be checked without the renderer.
#include <string>

namespace sg {

enum class RenderQuality {
    Draft,     // fastest: one sample per pixel, nothing optional
    Standard,  // the default: what `generate` affords at >= 30 frames/s at 640x480 on a 2-core CPU
    High,      // best images: anti-aliased RGB at the device's largest sample count up to 8
};

constexpr RenderQuality kDefaultRenderQuality = RenderQuality::Standard;

// "draft", "standard", "high".
const char* renderQualityName(RenderQuality q);
// The preset of that name; throws std::invalid_argument naming the valid values otherwise.
RenderQuality parseRenderQuality(const std::string& name);
// The names, for messages and --help: "draft, standard or high".
const char* renderQualityChoices();

}  // namespace sg
