#pragma once
// Options of the inspection and classification exports (image-level labels, `classify`,
// `mvtec`, per-part crops): part of ExportOptions, so they are on record in the dataset's
// identity and merged shards must agree on them.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sg {

struct InspectionOptions {
    // The single-label class of every frame (or crop), from its tags (docs/formats.md):
    //  "defective": "defective" when any defect is labeled on it, else "good";
    //  "rarest":    its category present in the fewest images of the dataset (ties: the name
    //               first in byte order); "background" when none is.
    std::string classRule = "defective";
    // train, val, test shares of the classify/mvtec splits (sum 1), keyed by frame index, or by
    // sequence index for sequences so a sequence never straddles two sets.
    std::vector<double> splitShares{0.8, 0.2, 0.0};
    // One image per labeled part instead of per frame: a square crop around the part's amodal
    // box, grown by cropMargin of its longer side on each side, resized to cropSize x cropSize.
    bool partCrops = false;
    int cropSize = 224;
    double cropMargin = 0.1;
    // MVTec AD: the object folder name for whole frames (crops use their part's category), and
    // the share of good images held out for test/good.
    std::string mvtecObject = "part";
    double mvtecGoodTestShare = 0.2;
};

nlohmann::json inspectionOptionsJson(const InspectionOptions& o);
InspectionOptions inspectionOptionsFromJson(const nlohmann::json& j);
// Throws InputError naming the option when a value is unusable (unknown rule, shares, sizes).
void checkInspectionOptions(const InspectionOptions& o);
// Parses "0.8,0.2" or "0.7,0.2,0.1" (shares of train, val, test); throws InputError naming
// `flag` when a share is not a number in [0, 1] or the shares do not sum to 1.
std::vector<double> parseSplitShares(const std::string& text, const std::string& flag);

}  // namespace sg
