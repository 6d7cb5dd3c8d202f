#include "exporters/InspectionOptions.h"

#include "core/InputError.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sg {

nlohmann::json inspectionOptionsJson(const InspectionOptions& o) {
    return {{"class_rule", o.classRule},
            {"split_shares", o.splitShares},
            {"part_crops", o.partCrops},
            {"crop_size", o.cropSize},
            {"crop_margin", o.cropMargin},
            {"mvtec_object", o.mvtecObject},
            {"mvtec_good_test_share", o.mvtecGoodTestShare}};
}

InspectionOptions inspectionOptionsFromJson(const nlohmann::json& j) {
    InspectionOptions o;
    o.classRule = j.at("class_rule");
    o.splitShares = j.at("split_shares").get<std::vector<double>>();
    o.partCrops = j.at("part_crops");
    o.cropSize = j.at("crop_size");
    o.cropMargin = j.at("crop_margin");
    o.mvtecObject = j.at("mvtec_object");
    o.mvtecGoodTestShare = j.at("mvtec_good_test_share");
    return o;
}

void checkInspectionOptions(const InspectionOptions& o) {
    if (o.classRule != "defective" && o.classRule != "rarest")
        throw InputError("", "--image-class", "unknown image class rule \"" + o.classRule + "\"", "use defective or rarest");
    double sum = 0;
    for (double s : o.splitShares) sum += s;
    if (o.splitShares.size() != 3 || std::abs(sum - 1.0) > 1e-9 ||
        std::any_of(o.splitShares.begin(), o.splitShares.end(), [](double s) { return !(s >= 0 && s <= 1); }))
        throw InputError("", "--splits", "split shares must be three numbers from 0 to 1 that sum to 1",
                         "write e.g. --splits 0.8,0.2");
    if (o.cropSize < 1 || o.cropSize > 16384)
        throw InputError("", "--crop-size", "crop size " + std::to_string(o.cropSize) + " is out of range", "use 1 to 16384 pixels");
    if (!(o.cropMargin >= 0 && o.cropMargin <= 10))
        throw InputError("", "--crop-margin", "crop margin is out of range", "use 0 to 10 (a share of the part's longer side)");
    if (!(o.mvtecGoodTestShare >= 0 && o.mvtecGoodTestShare <= 1))
        throw InputError("", "--mvtec-good-test", "the held-out share of good images is out of range", "use 0 to 1");
    if (o.mvtecObject.empty())
        throw InputError("", "--mvtec-object", "the MVTec object name is empty", "name the object, e.g. --mvtec-object bracket");
}

std::vector<double> parseSplitShares(const std::string& text, const std::string& flag) {
    const std::string fix = "write train,val[,test] shares that sum to 1, e.g. " + flag + " 0.8,0.2 or 0.7,0.2,0.1";
    std::vector<double> shares;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        try {
            size_t used = 0;
            double v = std::stod(item, &used);
            if (used != item.size() || !(v >= 0 && v <= 1)) throw std::invalid_argument("range");
            shares.push_back(v);
        } catch (const std::logic_error&) {
            throw InputError("", flag, "\"" + item + "\" is not a share from 0 to 1", fix);
        }
    }
    if (shares.size() < 2 || shares.size() > 3) throw InputError("", flag, "expected 2 or 3 shares, got \"" + text + "\"", fix);
    shares.resize(3, 0.0);
    if (std::abs(shares[0] + shares[1] + shares[2] - 1.0) > 1e-9)
        throw InputError("", flag, "the shares \"" + text + "\" do not sum to 1", fix);
    return shares;
}

}  // namespace sg
