#pragma once
// A scenario written inline in a test, parsed as if read from "s.json" in the build folder, at
// 64x48, for `frames` frames (the scenario's own count when 0).
#include "randomization/Scenario.h"

#include <string>

namespace sgtest {

inline sg::Scenario scenarioFromText(const std::string& text, int64_t frames = 0) {
    sg::Scenario sc = sg::parseScenario(sg::Json::parse(text), "s.json", SYNTHGEN_BINARY_DIR, 64, 48);
    if (frames > 0) sc.frameCount = frames;
    return sc;
}

}  // namespace sgtest
