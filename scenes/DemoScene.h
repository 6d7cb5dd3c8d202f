#pragma once
// The built-in demo: a tabletop scene made only of primitives, so it needs no files.
// examples/scenes/demo.json holds the same text.
#include <string>

namespace sg {

std::string builtinDemoSceneJson();

}  // namespace sg
