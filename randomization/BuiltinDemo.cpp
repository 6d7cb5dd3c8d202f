// The built-in demo scenario: a randomized tabletop made only of primitives and procedural
// textures, so it needs no files. examples/scenarios/tabletop.json is the same idea written out.
#include "randomization/Scenario.h"

namespace sg {

const char* builtinDemoScenarioJson() {
    return R"json({
  "version": 1,
  "resolution": [640, 480],
  "categories": ["cube", "ball", "can", "cone"],
  "assets": {
    "table":  {"primitive": {"type": "box", "size": [1.6, 1.2, 0.04]}, "color": [0.5, 0.35, 0.2], "roughness": 0.6},
    "cube":   {"category": "cube", "primitive": {"type": "box", "size": [0.06, 0.06, 0.06]}},
    "ball":   {"category": "ball", "primitive": {"type": "sphere", "radius": 0.035, "segments": 32}},
    "can":    {"category": "can",  "primitive": {"type": "cylinder", "radius": 0.03, "height": 0.1, "segments": 32}},
    "cone":   {"category": "cone", "primitive": {"type": "cone", "radius": 0.035, "height": 0.08, "segments": 32}},
    "clutter": {"primitive": [{"type": "torus", "radius": 0.03, "minor_radius": 0.01, "segments": 32},
                              {"type": "capsule", "radius": 0.015, "height": 0.05, "segments": 24}]}
  },
  "groups": [
    {"name": "table", "assets": "table", "count": 1, "distractor": true, "pose": "fixed",
     "placement": {"mode": "volume", "min": [0, 0, -0.02], "max": [0, 0, -0.02]},
     "material": {"hsv": [{"uniform": [20, 40]}, {"uniform": [0.3, 0.6]}, {"uniform": [0.35, 0.75]}],
                  "roughness": {"uniform": [0.4, 0.8]},
                  "textures": {"procedural": ["grain", "noise", "checker"], "scale": {"uniform": [3, 10]}, "probability": 0.8}}},
    {"name": "objects", "assets": {"cube": 1, "ball": 1, "can": 1, "cone": 1},
     "count": {"uniform": [6, 14]}, "pose": "upright", "scale": {"uniform": [0.8, 1.3]},
     "placement": {"mode": "scatter", "min": [-0.32, -0.24, 0], "max": [0.32, 0.24, 0], "min_gap": 0.004},
     "material": {"hsv": [{"uniform": [0, 360]}, {"uniform": [0.5, 0.95]}, {"uniform": [0.5, 0.95]}],
                  "roughness": {"uniform": [0.2, 0.8]}, "metallic": {"choice": [0, 1], "weights": [0.8, 0.2]},
                  "textures": {"procedural": ["stripes", "checker", "noise"], "scale": {"uniform": [2, 6]}, "probability": 0.3}}},
    {"name": "clutter", "assets": "clutter", "count": {"uniform": [0, 4]}, "pose": "uniform",
     "placement": {"mode": "scatter", "min": [-0.32, -0.24, 0], "max": [0.32, 0.24, 0]},
     "material": {"hsv": [{"uniform": [0, 360]}, {"uniform": [0, 0.3]}, {"uniform": [0.3, 0.9]}]}}
  ],
  "lights": [
    {"name": "key", "type": ["point", "spot"], "count": 1, "intensity": {"uniform": [8, 20]},
     "temperature": {"uniform": [3500, 7500]}, "distance": {"uniform": [1.2, 2.0]},
     "elevation": {"uniform": [35, 75]}, "cone_angle": 40},
    {"name": "sky", "type": "directional", "count": 1, "intensity": {"uniform": [0.5, 1.5]},
     "temperature": {"uniform": [5500, 9000]}, "elevation": {"uniform": [50, 85]}}
  ],
  "environment": {"color": [{"uniform": [0.05, 0.3]}, {"uniform": [0.05, 0.3]}, {"uniform": [0.08, 0.35]}]},
  "camera": {"fov": {"uniform": [40, 55]},
             "look_at": {"target": [{"uniform": [-0.05, 0.05]}, {"uniform": [-0.05, 0.05]}, 0],
                         "distance": {"uniform": [0.75, 1.05]}, "elevation": {"uniform": [40, 75]},
                         "roll": {"normal": {"mean": 0, "std": 3, "min": -8, "max": 8}}}},
  "sensor": {"gaussian_noise": {"uniform": [0, 3]}, "vignetting": {"uniform": [0, 0.3]}},
  "variants": [
    {"name": "backlight", "weight": 0.04, "override": {
      "lights": [{"name": "back", "type": "spot", "intensity": 120, "temperature": 5000,
                  "distance": 1.5, "elevation": 20, "azimuth": {"uniform": [0, 360]}, "cone_angle": 25}],
      "environment": {"color": [0.9, 0.9, 0.95]}}}
  ]
})json";
}

}  // namespace sg
