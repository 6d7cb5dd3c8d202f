#include "exporters/ImageTags.h"

#include "core/InputError.h"
#include "core/KeyedRng.h"

#include <algorithm>
#include <map>

namespace sg {

namespace {

const std::string kDefectPrefix = "defect/";

// Frames of one sequence share the key, so a sequence never straddles two sets.
double splitDraw(int64_t frame, const DatasetInfo& info, const char* purpose) {
    int64_t key = info.sequenceLength > 0 ? frame / info.sequenceLength : frame;
    return KeyedRng(info.seed, uint64_t(key), 0, purpose).uniform();
}

}  // namespace

bool isDefectCategory(const std::string& categoryName) { return categoryName.rfind(kDefectPrefix, 0) == 0; }

std::string defectFamily(const std::string& categoryName) {
    if (!isDefectCategory(categoryName)) return "";
    size_t end = categoryName.find('/', kDefectPrefix.size());
    return categoryName.substr(0, end);
}

const Category* categoryWithId(const std::vector<Category>& categories, int id) {
    for (const Category& c : categories)
        if (c.id == id) return &c;
    return nullptr;
}

std::string variantTag(const nlohmann::json& sampled) {
    if (!sampled.is_object() || !sampled.contains("variant") || !sampled.at("variant").is_string()) return "";
    std::string v = sampled.at("variant");
    return v.empty() || v == "base" ? "" : "variant/" + v;
}

std::vector<std::string> tagsOf(const std::vector<const InstanceLabel*>& instances, const std::vector<Category>& categories,
                                const std::string& variant) {
    std::vector<std::string> tags;
    for (const InstanceLabel* l : instances) {
        const Category* c = categoryWithId(categories, l->categoryId);
        if (!c) continue;
        tags.push_back(c->name);
        if (isDefectCategory(c->name)) tags.push_back(defectFamily(c->name));
    }
    if (!variant.empty()) tags.push_back(variant);
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
}

std::vector<std::string> frameTags(const FrameLabels& labels, const std::vector<Category>& categories, const nlohmann::json& sampled) {
    std::vector<const InstanceLabel*> all;
    for (const InstanceLabel& l : labels.instances) all.push_back(&l);
    return tagsOf(all, categories, variantTag(sampled));
}

bool hasDefectTag(const std::vector<std::string>& tags) {
    return std::any_of(tags.begin(), tags.end(), [](const std::string& t) { return isDefectCategory(t); });
}

std::vector<std::string> assignClasses(const std::vector<std::vector<std::string>>& tags, const std::string& rule,
                                       const std::vector<Category>& categories) {
    std::vector<std::string> classes;
    classes.reserve(tags.size());
    if (rule == "defective") {
        for (const auto& t : tags) classes.push_back(hasDefectTag(t) ? "defective" : "good");
        return classes;
    }
    if (rule != "rarest")
        throw InputError("", "--image-class", "unknown image class rule \"" + rule + "\"", "use defective or rarest");
    // Only category names compete: a variant describes the capture, not the content, and a
    // family that is no category of its own is coarser than the category that implied it.
    auto isCategoryTag = [&](const std::string& t) {
        return std::any_of(categories.begin(), categories.end(), [&](const Category& c) { return c.name == t; });
    };
    std::map<std::string, int64_t> imagesWith;
    for (const auto& t : tags)
        for (const auto& tag : t)
            if (isCategoryTag(tag)) ++imagesWith[tag];
    for (const auto& t : tags) {
        const std::string* best = nullptr;
        for (const auto& tag : t)  // sorted, so ties go to the name first in byte order
            if (isCategoryTag(tag) && (!best || imagesWith[tag] < imagesWith[*best])) best = &tag;
        classes.push_back(best ? *best : "background");
    }
    return classes;
}

std::string safeClassName(const std::string& path) {
    std::string out;
    for (char c : path) {
        if (c == '/') out += "__";
        else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') out += c;
        else out += '_';
    }
    if (out.empty() || out == "." || out == "..") out = "_" + out;
    return out;
}

std::string splitOf(int64_t frame, const DatasetInfo& info, const std::vector<double>& shares) {
    double u = splitDraw(frame, info, "classify split");
    double train = shares.size() > 0 ? shares[0] : 1.0, val = shares.size() > 1 ? shares[1] : 0.0;
    if (u < train) return "train";
    if (u < train + val) return "val";
    // Shares of 1, 0 or 0.8, 0.2, 0: rounding must never send a frame to an empty test set.
    return shares.size() > 2 && shares[2] > 0 ? "test" : val > 0 ? "val" : "train";
}

bool goodHeldOut(int64_t frame, const DatasetInfo& info, double share) {
    return share > 0 && splitDraw(frame, info, "mvtec good test") < share;
}

}  // namespace sg
