#pragma once
// CPU rasterization of an object's projected triangles, for what the id image cannot tell:
// how much of an object lies outside the frame (truncation), and the amodal mask when the
// renderer did not draw one.
//
// Method: every triangle is transformed to the camera frame, clipped at z = znear (so parts
// behind the camera are dropped exactly), projected, and rasterized at pixel centers with
// inclusive edges (a pixel center exactly on an edge counts as covered; GPUs use the top-left
// rule, so the two can differ by pixels whose centers lie exactly on an edge).
#include "core/Camera.h"
#include "core/FrameBuffers.h"
#include "scenes/Scene.h"

#include <cstdint>
#include <vector>

namespace sg {

// True when the object has at least one triangle.
bool objectHasTriangles(const Object& object);

// Projected triangles (3 points per triangle, pixel coordinates) after near-plane clipping.
// withDistortion = false uses the pinhole model (the distortion polynomial is only meaningful
// near the image, so the off-image extent for truncation is measured without it).
std::vector<glm::dvec2> projectedTriangles(const Object& object, const Camera& camera, bool withDistortion);

// The object's silhouette inside a width x height image, cropped to its box.
AmodalMask rasterizeSilhouetteInImage(const Object& object, const Camera& camera, int width, int height);

// Share of the projected silhouette (pinhole) outside the image, in [0, 1]: the silhouette is
// rasterized on a grid covering its whole projected extent, with grid step s >= 1 pixels chosen
// so at most maxSamples samples are taken; truncation = samples outside / all samples.
// 1 when nothing of the object is in front of the camera.
double silhouetteTruncation(const Object& object, const Camera& camera, int width, int height, int64_t maxSamples);

}  // namespace sg
