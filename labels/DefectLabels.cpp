#include "labels/DefectLabels.h"

#include <algorithm>
#include <limits>

namespace sg {

namespace {

struct DefectPixels {
    int64_t count = 0;
    int x0 = std::numeric_limits<int>::max(), y0 = std::numeric_limits<int>::max(), x1 = -1, y1 = -1;
};

// The defect's whole footprint on its part (rendered alone, RenderSettings::amodalMasks) with the
// visible pixels OR-ed in, so visible ⊆ amodal by construction; without a rendered footprint the
// visible mask (AmodalSource::VisibleOnly, visible fraction 1).
void fillDefectAmodal(InstanceLabel& label, const FrameBuffers& buffers, const AmodalMask* rendered) {
    const ImageU32& ids = buffers.defectId;
    PixelBox b = label.box;
    if (rendered && !rendered->mask.empty())
        b = {std::min(b.x0, rendered->x0), std::min(b.y0, rendered->y0), std::max(b.x1, rendered->x0 + rendered->mask.width),
             std::max(b.y1, rendered->y0 + rendered->mask.height)};
    label.amodalSource = rendered ? AmodalSource::Rendered : AmodalSource::VisibleOnly;
    label.amodalMask.x0 = b.x0;
    label.amodalMask.y0 = b.y0;
    label.amodalMask.mask = ImageU8(b.width(), b.height(), 1, 0);
    int64_t count = 0;
    DefectPixels s;
    for (int y = b.y0; y < b.y1; ++y)
        for (int x = b.x0; x < b.x1; ++x) {
            bool on = ids.at(x, y) == label.instanceId;
            if (!on && rendered) {
                int rx = x - rendered->x0, ry = y - rendered->y0;
                on = rx >= 0 && ry >= 0 && rx < rendered->mask.width && ry < rendered->mask.height && rendered->mask.at(rx, ry);
            }
            if (!on) continue;
            label.amodalMask.mask.at(x - b.x0, y - b.y0) = 1;
            ++count;
            s.x0 = std::min(s.x0, x), s.x1 = std::max(s.x1, x), s.y0 = std::min(s.y0, y), s.y1 = y;
        }
    label.amodalPixels = count;
    label.amodalBox = {s.x0, s.y0, s.x1 + 1, s.y1 + 1};
}

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
        fillDefectAmodal(label, buffers, buffers.defectAmodal.size() == refs.size() ? &buffers.defectAmodal[k] : nullptr);
        label.visibleFraction = double(label.visiblePixels) / double(label.amodalPixels);
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
