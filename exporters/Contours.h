#pragma once
// Polygons of a binary mask on pixel edges (vertices at pixel corners: pixel (x, y) is the
// square [x, x+1] x [y, y+1]), for COCO polygon segmentation and YOLO segment rows.
//
// Pixels are grouped by 4-connectivity (two pixels that touch only at a corner are separate
// pieces). Each piece's outer boundary is traced clockwise on screen, each hole anticlockwise.
// Holes cannot be written as separate rings in COCO or YOLO, so each hole is joined to its
// piece's outer ring by a zero-width bridge (the segment from the nearest outer vertex to the
// nearest hole vertex, walked there and back). The bridge adds no area under the even-odd or
// nonzero fill rule, so the filled polygon equals the mask.
#include "core/Image.h"

#include <glm/glm.hpp>

#include <vector>

namespace sg {

using Polygon = std::vector<glm::ivec2>;  // pixel-corner coordinates, not closed (last != first)

struct MaskContours {
    std::vector<Polygon> outer;  // one per 4-connected piece
    std::vector<Polygon> holes;
    std::vector<int> holeOwner;  // index into outer for each hole
};

// All rings of the mask (nonzero = foreground), collinear vertices removed.
MaskContours traceContours(const ImageU8& mask);

// One polygon per piece, holes bridged in.
std::vector<Polygon> polygonsWithBridgedHoles(const MaskContours& contours);

// Everything in one polygon: the pieces joined by zero-width bridges as well (YOLO allows
// one polygon per row).
Polygon singlePolygon(const std::vector<Polygon>& pieces);

// Signed area (shoelace) in pixel units; positive for clockwise-on-screen rings (y down).
double signedArea(const Polygon& polygon);

}  // namespace sg
