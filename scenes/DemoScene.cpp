#include "scenes/DemoScene.h"

namespace sg {

// Kept byte-identical to examples/scenes/demo.json (a test compares them): edit both together.
std::string builtinDemoSceneJson() {
    return R"json({
  "version": 1,
  "description": "Built-in demo: parts on a wooden table, made only of primitives (no files needed).",
  "camera": {
    "width": 640,
    "height": 480,
    "fov_deg": 45,
    "near": 0.05,
    "far": 20,
    "look_at": { "eye": [0.38, -0.62, 0.62], "target": [0.0, 0.02, 0.03], "up": [0, 0, 1] }
  },
  "categories": [
    "container/crate",
    { "name": "part/bolt", "keypoints": ["head", "tip"], "skeleton": [["head", "tip"]] },
    "part/nut",
    "part/washer",
    "part/bearing/ball",
    "marker/cone",
    "defect/scratch"
  ],
  "materials": {
    "wood": { "base_color": [0.42, 0.26, 0.14], "roughness": 0.75 },
    "cardboard": { "base_color": [0.55, 0.40, 0.24], "roughness": 0.9 },
    "steel": { "base_color": [0.62, 0.63, 0.65], "metallic": 1.0, "roughness": 0.3 },
    "brass": { "base_color": [0.91, 0.67, 0.30], "metallic": 1.0, "roughness": 0.35 },
    "red_plastic": { "base_color": [0.75, 0.06, 0.04], "roughness": 0.4 },
    "orange_rubber": { "base_color": [0.95, 0.35, 0.02], "roughness": 0.6 },
    "soot": { "base_color": [0.03, 0.03, 0.03], "roughness": 0.95 }
  },
  "objects": [
    {
      "name": "table",
      "primitive": { "type": "plane", "size": [3.0, 3.0] },
      "material": "wood",
      "physics": { "mass": 0, "friction": 0.6 }
    },
    {
      "name": "crate",
      "primitive": { "type": "box", "size": [0.24, 0.18, 0.12] },
      "position": [-0.22, 0.2, 0.06],
      "euler_deg": [0, 0, 15],
      "material": "cardboard",
      "category": "container/crate",
      "physics": { "mass": 0.8 }
    },
    {
      "name": "scratch_on_crate",
      "primitive": { "type": "box", "size": [0.08, 0.006, 0.002] },
      "position": [-0.22, 0.2, 0.121],
      "euler_deg": [0, 0, 40],
      "material": "soot",
      "category": "defect/scratch",
      "attributes": { "severity": "minor", "length_mm": 80 },
      "physics": { "mass": 0 },
      "cast_shadows": false
    },
    {
      "name": "bolt_lying",
      "primitive": { "type": "cylinder", "radius": 0.012, "height": 0.14, "segments": 32 },
      "position": [0.08, -0.12, 0.012],
      "euler_deg": [90, 0, 35],
      "material": "steel",
      "category": "part/bolt",
      "attributes": { "thread": "M24", "length_mm": 140 },
      "keypoints": { "head": [0, 0, 0.07], "tip": [0, 0, -0.07] }
    },
    {
      "name": "bolt_standing",
      "primitive": { "type": "cylinder", "radius": 0.01, "height": 0.1, "segments": 32 },
      "position": [0.2, 0.12, 0.05],
      "material": "steel",
      "category": "part/bolt",
      "attributes": { "thread": "M20", "length_mm": 100 },
      "keypoints": { "head": [0, 0, 0.05], "tip": [0, 0, -0.05] }
    },
    {
      "name": "nut_brass",
      "primitive": { "type": "torus", "radius": 0.028, "minor_radius": 0.011 },
      "position": [-0.05, -0.2, 0.011],
      "material": "brass",
      "category": "part/nut"
    },
    {
      "name": "nut_steel",
      "primitive": { "type": "torus", "radius": 0.022, "minor_radius": 0.009 },
      "position": [0.27, -0.08, 0.009],
      "material": "steel",
      "category": "part/nut"
    },
    {
      "name": "washer",
      "primitive": { "type": "cylinder", "radius": 0.035, "height": 0.004 },
      "position": [-0.18, -0.05, 0.002],
      "material": "brass",
      "category": "part/washer"
    },
    {
      "name": "ball_large",
      "primitive": { "type": "sphere", "radius": 0.035 },
      "position": [0.05, 0.08, 0.035],
      "material": "steel",
      "category": "part/bearing/ball"
    },
    {
      "name": "ball_small",
      "primitive": { "type": "sphere", "radius": 0.02 },
      "position": [0.12, -0.26, 0.02],
      "material": "red_plastic",
      "category": "part/bearing/ball"
    },
    {
      "name": "cone",
      "primitive": { "type": "cone", "radius": 0.045, "height": 0.11 },
      "position": [-0.24, -0.1, 0.055],
      "material": "orange_rubber",
      "category": "marker/cone"
    },
    {
      "name": "capsule_distractor",
      "primitive": { "type": "capsule", "radius": 0.018, "height": 0.07 },
      "position": [0.3, 0.3, 0.018],
      "euler_deg": [0, 90, -20],
      "material": { "base_color": [0.1, 0.35, 0.8], "roughness": 0.3 },
      "attributes": { "note": "no category: unlabeled distractor" }
    }
  ],
  "lights": [
    { "type": "directional", "direction": [-0.4, 0.5, -1.0], "color": [1.0, 0.96, 0.9], "intensity": 2.5 },
    { "type": "point", "position": [0.5, -0.4, 0.6], "color": [0.8, 0.9, 1.0], "intensity": 0.3 },
    {
      "type": "spot",
      "position": [-0.4, -0.5, 0.9],
      "target": [0.0, 0.0, 0.0],
      "intensity": 1.5,
      "inner_cone_deg": 15,
      "outer_cone_deg": 25
    }
  ],
  "environment": { "color": [0.45, 0.48, 0.52], "intensity": 1.0 },
  "exposure": 1.0
}
)json";
}

}  // namespace sg
