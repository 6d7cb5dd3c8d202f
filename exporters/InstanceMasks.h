#pragma once
// Per-instance masks cropped to the instance's box, and their polygons in frame coordinates.
#include "exporters/Contours.h"
#include "labels/DefectLabels.h"
#include "labels/Labels.h"

namespace sg {

// The visible mask of `label` cropped to label.box (pixel (0,0) = frame pixel (box.x0, box.y0)).
ImageU8 croppedVisibleMask(const ImageU32& ids, const InstanceLabel& label);

// Polygons (one per 4-connected piece, holes bridged) of the visible mask, in frame pixel-edge
// coordinates.
std::vector<Polygon> visiblePolygons(const ImageU32& ids, const InstanceLabel& label);

}  // namespace sg
