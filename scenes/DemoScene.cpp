#include "scenes/DemoScene.h"
namespace sg {
std::string builtinDemoSceneJson() { return "{}"; }
}  // namespace sg
