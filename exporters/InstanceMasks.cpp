#include "exporters/InstanceMasks.h"

namespace sg {

ImageU8 croppedVisibleMask(const ImageU32& ids, const InstanceLabel& label) {
    const PixelBox& b = label.box;
    ImageU8 crop(b.width(), b.height(), 1, 0);
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x)
            if (ids.at(x, y) == label.instanceId) crop.at(x - b.x0, y - b.y0) = 1;
    return crop;
}

std::vector<Polygon> visiblePolygons(const ImageU32& ids, const InstanceLabel& label) {
    if (label.box.empty()) return {};
    std::vector<Polygon> polys = polygonsWithBridgedHoles(traceContours(croppedVisibleMask(ids, label)));
    for (Polygon& p : polys)
        for (auto& v : p) v += glm::ivec2(label.box.x0, label.box.y0);
    return polys;
}

}  // namespace sg
