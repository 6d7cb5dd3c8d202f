#include "labels/DefectLabels.h"

#include <algorithm>
#include <limits>

namespace sg {

namespace {

struct DefectPixels {
    int64_t count = 0;
    int x0 = std::numeric_limits<int>::max(), y0 = std::numeric_limits<int>::max(), x1 = -1, y1 = -1;
};

}  // namespace

void appendDefectLabels(const Scene& scene, const FrameBuffers& buffers, const LabelOptions& options, FrameLabels& frame) {
    const ImageU32& ids = buffers.defectId;
    std::vector<DefectRef> refs = listDefects(scene);
    if (refs.empty() || ids.empty()) return;
    const uint32_t firstId = refs.front().instanceId;
    std::vector<DefectPixels> stats(refs.size());
    for (int y = 0; y < ids.height; ++y)
        for (int x = 0; x < ids.width; ++x) {
            uint32_t id = ids.at(x, y);
            if (id < firstId || id - firstId >= refs.size()) continue;
            DefectPixels& s = stats[id - firstId];
            ++s.count;
            s.x0 = std::min(s.x0, x), s.x1 = std::max(s.x1, x), s.y0 = std::min(s.y0, y), s.y1 = y;
        }
    for (size_t k = 0; k < refs.size(); ++k) {
        const DefectRef& r = refs[k];
        const Object& part = scene.objects[r.object];
        const Defect& d = part.defects[r.index];
        const DefectPixels& s = stats[k];
        bool labeled = d.category >= 0 && d.category < int(scene.categories.size());
        if (!labeled && !options.includeUnlabeled) continue;
        const LabelFilter& filter = labeled ? options.filterFor(d.category) : options.defaults;
        if (s.count < std::max<int64_t>(1, filter.minVisiblePixels)) continue;

        InstanceLabel label;
        label.instanceId = r.instanceId;
        label.parentInstanceId = r.object + 1;
        label.objectIndex = int(r.object);
        label.category = d.category;
        label.categoryId = labeled ? scene.categories[size_t(d.category)].id : 0;
        label.name = part.name + "/" + defectFamilyName(d.family) + "#" + std::to_string(r.index);
        label.attributes = d.attributes;
        label.visiblePixels = s.count;
        label.box = {s.x0, s.y0, s.x1 + 1, s.y1 + 1};
        // The renderer does not draw a defect alone yet: its whole footprint is not known, so the
        // amodal mask is the visible one (AmodalSource::VisibleOnly, visible fraction 1).
        label.amodalSource = AmodalSource::VisibleOnly;
        label.amodalPixels = s.count;
        label.amodalBox = label.box;
        label.amodalMask.x0 = label.box.x0;
        label.amodalMask.y0 = label.box.y0;
        label.amodalMask.mask = ImageU8(label.box.width(), label.box.height(), 1, 0);
        for (int y = label.box.y0; y < label.box.y1; ++y)
            for (int x = label.box.x0; x < label.box.x1; ++x)
                if (ids.at(x, y) == label.instanceId) label.amodalMask.mask.at(x - label.box.x0, y - label.box.y0) = 1;
        label.visibleFraction = 1.0;
        if (label.visibleFraction < filter.minVisibleFraction) continue;
        label.truncated = label.box.x0 == 0 || label.box.y0 == 0 || label.box.x1 == ids.width || label.box.y1 == ids.height;
        label.truncation = 0;
        if (label.truncated && !filter.keepTruncated) continue;
        // Pose: the part's (a defect is fixed to it).
        for (const InstanceLabel& p : frame.instances)
            if (p.instanceId == label.parentInstanceId) {
                label.R = p.R, label.t = p.t, label.scale = p.scale;
            }
        frame.instances.push_back(std::move(label));
    }
}

const ImageU32& labelIdImage(const FrameBuffers& buffers, const InstanceLabel& label) {
    return label.parentInstanceId != 0 ? buffers.defectId : buffers.instanceId;
}

void paintDefectCategories(const Scene& scene, const FrameBuffers& buffers, ImageU16& semantic) {
    std::vector<DefectRef> refs = listDefects(scene);
    if (refs.empty() || buffers.defectId.empty()) return;
    const uint32_t firstId = refs.front().instanceId;
    std::vector<uint16_t> lut(refs.size(), 0);
    for (size_t k = 0; k < refs.size(); ++k) {
        int c = scene.objects[refs[k].object].defects[refs[k].index].category;
        if (c >= 0 && c < int(scene.categories.size())) lut[k] = uint16_t(scene.categories[size_t(c)].id);
    }
    const std::vector<uint32_t>& ids = buffers.defectId.pixels;
    for (size_t p = 0; p < ids.size() && p < semantic.pixels.size(); ++p) {
        uint32_t id = ids[p];
        if (id >= firstId && id - firstId < lut.size() && lut[id - firstId] != 0) semantic.pixels[p] = lut[id - firstId];
    }
}

}  // namespace sg
