#pragma once
// Quality presets (`--quality draft|standard|high`, the scenario key "quality"): one name for a
// whole set of RenderSettings, so a dataset records one word and reproduces every switch behind it.
// The names are core/RenderQuality.h.
#include "core/RenderQuality.h"
#include "renderer/Renderer.h"

namespace sg {

// The render settings of a preset. Settings that depend on what a run exports (amodal masks,
// normals) are left at their defaults for the caller to set.
RenderSettings renderSettingsFor(RenderQuality q);

}  // namespace sg
