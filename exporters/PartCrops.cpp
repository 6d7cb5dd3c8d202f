#include "exporters/PartCrops.h"

#include "exporters/ImageEncoding.h"
#include "exporters/ImageTags.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sg {

namespace {

nlohmann::json boxJson(const PixelBox& b) { return {b.x0, b.y0, b.width(), b.height()}; }

// A frame box in the crop's pixel coordinates (pixel edges, scaled by size / side).
nlohmann::json boxInCrop(const PixelBox& b, const PixelBox& crop, int size) {
    double s = double(size) / crop.width();
    return {(b.x0 - crop.x0) * s, (b.y0 - crop.y0) * s, b.width() * s, b.height() * s};
}

bool isDefect(const InstanceLabel& l, const std::vector<Category>& categories) {
    const Category* c = categoryWithId(categories, l.categoryId);
    return c && isDefectCategory(c->name);
}

std::string cropName(const std::string& stem, uint32_t instanceId) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "_%05u", instanceId);
    return "crops/" + stem + buf;
}

// Output pixel i of `size` over [begin, begin + side): the frame pixel nearest its center.
std::vector<int> sampleColumns(int begin, int side, int size) {
    std::vector<int> at(static_cast<size_t>(size));
    for (int i = 0; i < size; ++i) at[size_t(i)] = begin + int((int64_t(2 * i + 1) * side) / (2 * int64_t(size)));
    return at;
}

}  // namespace

PixelBox squareCropBox(const PixelBox& amodal, double margin) {
    int longer = std::max(amodal.width(), amodal.height());
    int side = longer + 2 * int(std::lround(std::max(0.0, margin) * longer));
    int x0 = amodal.x0 - (side - amodal.width()) / 2;
    int y0 = amodal.y0 - (side - amodal.height()) / 2;
    return {x0, y0, x0 + side, y0 + side};
}

std::vector<uint32_t> labeledDefectIds(const FrameLabels& labels, const std::vector<Category>& categories) {
    std::vector<uint32_t> ids;
    for (const InstanceLabel& l : labels.instances)
        if (isDefect(l, categories)) ids.push_back(l.instanceId);
    return ids;
}

std::vector<PartCrop> planPartCrops(const FrameLabels& labels, const std::vector<Category>& categories, double margin) {
    std::vector<PartCrop> crops;
    for (const InstanceLabel& l : labels.instances) {
        if (isDefect(l, categories) || !categoryWithId(categories, l.categoryId) || l.amodalBox.empty()) continue;
        PartCrop c;
        c.instanceId = l.instanceId;
        c.categoryId = l.categoryId;
        c.amodalBox = l.amodalBox;
        c.cropBox = squareCropBox(l.amodalBox, margin);
        c.instances.push_back(&l);
        for (const InstanceLabel& d : labels.instances)
            if (d.parentInstanceId == l.instanceId && isDefect(d, categories)) {
                c.defectIds.push_back(d.instanceId);
                c.instances.push_back(&d);
            }
        crops.push_back(std::move(c));
    }
    return crops;
}

ImageU8 cropResized(const ImageU8& image, const PixelBox& box, int size) {
    ImageU8 out(size, size, image.channels, 0);
    std::vector<int> xs = sampleColumns(box.x0, box.width(), size), ys = sampleColumns(box.y0, box.height(), size);
    const size_t ch = size_t(image.channels), rowBytes = size_t(size) * ch;
    for (int j = 0; j < size; ++j) {
        int y = ys[size_t(j)];
        if (y < 0 || y >= image.height) continue;
        uint8_t* row = &out.at(0, j);
        if (j > 0 && y == ys[size_t(j) - 1]) {  // an enlarged crop repeats its rows: copy the one above
            std::memcpy(row, row - rowBytes, rowBytes);
            continue;
        }
        const uint8_t* source = &image.at(0, y);
        for (int i = 0; i < size; ++i) {
            int x = xs[size_t(i)];
            if (x < 0 || x >= image.width) continue;
            for (size_t c = 0; c < ch; ++c) row[size_t(i) * ch + c] = source[size_t(x) * ch + c];
        }
    }
    return out;
}

ImageU8 defectMaskCrop(const ImageU32& defectId, const PixelBox& box, int size, const std::vector<uint32_t>& defectIds) {
    ImageU8 out(size, size, 1, 0);
    if (defectId.empty()) return out;
    std::vector<int> xs = sampleColumns(box.x0, box.width(), size), ys = sampleColumns(box.y0, box.height(), size);
    for (int j = 0; j < size; ++j) {
        int y = ys[size_t(j)];
        if (y < 0 || y >= defectId.height) continue;
        for (int i = 0; i < size; ++i) {
            int x = xs[size_t(i)];
            if (x < 0 || x >= defectId.width) continue;
            uint32_t v = defectId.at(x, y);
            if (v && std::find(defectIds.begin(), defectIds.end(), v) != defectIds.end()) out.at(i, j) = 255;
        }
    }
    return out;
}

ImageU8 defectUnionMask(const FrameBuffers& buffers, const std::vector<uint32_t>& defectIds) {
    // Defects drawn on a part are in the defect id image; a defect category given to a whole
    // object (no parent) is in the instance id image, like any object.
    ImageU8 mask(buffers.instanceId.width, buffers.instanceId.height, 1, 0);
    if (defectIds.empty()) return mask;
    auto isDefect = [&](uint32_t v) { return v && std::find(defectIds.begin(), defectIds.end(), v) != defectIds.end(); };
    const bool drawn = !buffers.defectId.empty();
    for (size_t i = 0; i < mask.pixels.size(); ++i)
        if (isDefect(buffers.instanceId.pixels[i]) || (drawn && isDefect(buffers.defectId.pixels[i]))) mask.pixels[i] = 255;
    return mask;
}

const nlohmann::json& writePartCrops(FrameContext& f, nlohmann::json& record) {
    if (record.contains("part_crops")) return record.at("part_crops");
    const InspectionOptions& o = f.options.inspection;
    const std::vector<Category>& categories = f.info.categories;
    bool masks = std::find(f.options.formats.begin(), f.options.formats.end(), "mvtec") != f.options.formats.end();
    std::string variant;
    for (const auto& t : record.at("image_labels").at("tags"))
        if (t.get<std::string>().rfind("variant/", 0) == 0) variant = t;
    nlohmann::json table = nlohmann::json::array();
    for (const PartCrop& c : planPartCrops(f.labels, categories, o.cropMargin)) {
        std::string base = cropName(f.stem, c.instanceId);
        // A crop enlarged 2x or more repeats each frame pixel along rows and copies whole rows: the run
        // coder (previous-pixel and row-above matches) packs that several times faster than
        // general deflate. A reduced crop is a photo again: general deflate, SUB filter.
        bool enlarged = 2 * c.cropBox.width() <= o.cropSize;
        std::vector<uint8_t> png = enlarged ? encodePng(cropResized(f.buffers.rgb, c.cropBox, o.cropSize), PngFilter::None,
                                                        PngCompression::Runs)
                                            : encodePng(cropResized(f.buffers.rgb, c.cropBox, o.cropSize));
        writeFrameFile(f.root, base + ".png", png, f.files);
        nlohmann::json mask = nullptr;
        if (masks && !c.defectIds.empty()) {
            std::string path = base + "_mask.png";
            ImageU8 m = defectMaskCrop(f.buffers.defectId, c.cropBox, o.cropSize, c.defectIds);
            writeFrameFile(f.root, path, encodePng(m, PngFilter::None, PngCompression::Runs), f.files);
            mask = path;
        }
        table.push_back({{"instance_id", c.instanceId},
                         {"category_id", c.categoryId},
                         {"amodal_box", boxJson(c.amodalBox)},
                         {"crop_box", boxJson(c.cropBox)},
                         {"amodal_box_in_crop", boxInCrop(c.amodalBox, c.cropBox, o.cropSize)},
                         {"defects", c.defectIds},
                         {"tags", tagsOf(c.instances, categories, variant)},
                         {"image", base + ".png"},
                         {"mask", mask}});
    }
    record["part_crops"] = std::move(table);
    return record.at("part_crops");
}

}  // namespace sg
