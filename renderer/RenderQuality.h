#pragma once
// Quality presets (`--quality draft|standard|high`, the scenario key "quality"): one name for a
// whole set of RenderSettings, so a dataset records one word and reproduces every switch behind it.
#include "renderer/Renderer.h"

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

// The render settings of a preset. Settings that depend on what a run exports (amodal masks,
// normals) are left at their defaults for the caller to set.
RenderSettings renderSettingsFor(RenderQuality q);

}  // namespace sg
