#pragma once
// `--quality draft|standard|high`, declared the same way by every command that renders; `target`
// stays empty when the option is not given.
#include "app/CommandOptions.h"
#include "renderer/RenderQuality.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace sg::app {

inline void declareQualityOption(CommandOptions& cli, const std::string& command, std::optional<RenderQuality>& target) {
    cli.text("--quality", "Q", "render quality preset: draft, standard or high (default: standard;\nsee docs/rendering-quality.md)",
             [command, &target](const std::string& typed, const std::string& value) {
                 try {
                     target = parseRenderQuality(value);
                 } catch (const std::invalid_argument&) {
                     commandLineError(command, "unknown " + typed + " \"" + value + "\"",
                                      std::string("use ") + renderQualityChoices());
                 }
             });
}

}  // namespace sg::app
