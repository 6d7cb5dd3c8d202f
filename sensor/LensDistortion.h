#pragma once
// Lens distortion moves pixels, so it is applied to the RGB image AND to every label buffer with
// the same mapping: RGB is resampled bilinearly, ids, depth, normals and amodal masks by nearest
// neighbour (never blended), so boxes recomputed from the distorted masks stay exact.
//
// The scene is rendered with a pinhole camera (renderIntrinsicsFor: same focal lengths, canvas
// grown so it covers every ray the distorted image sees); each output pixel of the distorted image
// looks up where its ray landed in that render: u_d -> normalized distorted -> undistort
// (Newton on the OpenCV model) -> pinhole pixel in the render.
#include "core/Camera.h"
#include "core/FrameBuffers.h"
#include "core/Image.h"

#include <glm/glm.hpp>

#include <vector>

namespace sg {

// Inverse of distortNormalized: the undistorted normalized point whose distortion is `xd`.
// Newton iterations from xd, falling back to fixed-point steps; exact to ~1e-12 where the model is
// invertible (monotone radial profile).
glm::dvec2 undistortNormalized(const Distortion& d, const glm::dvec2& xd, bool* converged = nullptr);

// Pinhole intrinsics of the canvas to render for a distorted camera K: same fx, fy; width, height
// and principal point grown to hold the undistorted footprint of the whole distorted image
// (at most `maxGrowth` times each side). Without distortion: K itself (minus distortion).
Intrinsics renderIntrinsicsFor(const Intrinsics& K, double maxGrowth = 2.0);

// Per output pixel, where to read in the pinhole render (pixel coordinates of that render;
// negative = outside, no data).
struct DistortionMap {
    int width = 0, height = 0;            // output (distorted) size
    std::vector<float> sourceX, sourceY;  // one per output pixel, row-major
};
DistortionMap makeDistortionMap(const Intrinsics& distortedK, const Intrinsics& renderK);

// Resamples every buffer of `rendered` (made with renderK) into the distorted image. Pixels whose
// ray falls outside the render are background (0) in every buffer, black in RGB.
FrameBuffers applyDistortion(const FrameBuffers& rendered, const DistortionMap& map);

}  // namespace sg
