// synthgen mix SOURCE... --out DIR : joins synthetic and real datasets into one (datasets/Mix.h).
#include "app/CommandLine.h"
#include "app/Commands.h"
#include "core/JsonReader.h"
#include "datasets/Mix.h"

#include <cstdio>
#include <sstream>

namespace sg::app {

namespace {

const char* kUsage =
    "usage: synthgen mix SOURCE... --out DIR [options]\n\n"
    "Joins synthgen datasets and real COCO / YOLO / Pascal VOC datasets into one dataset. A SOURCE is a\n"
    "dataset folder, a COCO JSON file, a YOLO data.yaml or a VOC folder. Categories are matched by name;\n"
    "val and test hold real images only (unless --synthetic-in-eval); a group never crosses splits.\n\n"
    "options:\n"
    "  --out, -o DIR             output folder (must not exist or be empty; written whole or not at all)\n"
    "  --formats LIST            coco,yolo,voc (default coco)\n"
    "  --categories A,B,...      output categories (default: the synthetic sources', else the first source's)\n"
    "  --alias FROM=TO           map source category FROM to output category TO (repeatable)\n"
    "  --aliases FILE.json       the same as a JSON object {\"FROM\": \"TO\", ...}\n"
    "  --unmapped error|drop|keep  a source category with no output category: stop (default), leave its\n"
    "                            annotations out, or add it as a new category\n"
    "  --ratio S:R               train images synthetic : real (e.g. 3:1), chosen from the seed\n"
    "  --synthetic N, --real N   train image counts instead of a ratio\n"
    "  --val F, --test F         fraction of the real images for val / test (default 0.1 / 0)\n"
    "  --synthetic-in-eval       split synthetic images into val / test as well\n"
    "  --stratify                keep each class's share equal across splits (by whole groups)\n"
    "  --group-field NAME        group images by this COCO image field (default: video_id when present)\n"
    "  --group-pattern REGEX     group images by the regex's first capture on the file name\n"
    "  --seed N                  seed for splits and selection (default 0)\n"
    "  --files hardlink|copy|symlink  how images get into DIR (default hardlink; copy where links fail)\n"
    "  --images DIR              image folder of a COCO source whose layout is not found by itself\n"
    "  --skip-invalid            leave broken entries out and list them instead of stopping\n"
    "  --drop-crowd              YOLO / VOC output: leave crowd regions out instead of stopping\n";

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

double fraction(CommandLine& cl, const std::string& v) {
    try {
        size_t used = 0;
        double f = std::stod(v, &used);
        if (used == v.size() && f >= 0 && f < 1) return f;
    } catch (const std::exception&) {
    }
    cl.fail(cl.current() + " expects a fraction in [0, 1), got '" + v + "'");
}

}  // namespace

int cmdMix(int argc, char** argv) {
    MixOptions o;
    try {
        CommandLine cl(argc, argv, "mix", kUsage);
        std::string out, value;
        while (cl.next()) {
            std::string source;
            if (cl.option({"--out", "-o"}, out)) {
            } else if (cl.option("--formats", value)) o.formats = splitList(value);
            else if (cl.option("--categories", value)) o.categories = splitList(value);
            else if (cl.option("--alias", value)) {
                auto eq = value.find('=');
                if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) cl.fail("--alias expects FROM=TO, got '" + value + "'");
                o.aliases[value.substr(0, eq)] = value.substr(eq + 1);
            } else if (cl.option("--aliases", value)) {
                Json j = parseJsonFile(value);
                if (!j.is_object()) throw InputError(value, "", "an alias table is a JSON object", "write {\"scratch\": \"defect/scratch\"}");
                for (auto& [k, v] : j.items()) {
                    if (!v.is_string()) throw InputError(value, "/" + k, "the alias target is not a string", "write the output category name");
                    o.aliases[k] = v.get<std::string>();
                }
            } else if (cl.option("--unmapped", value)) {
                if (value == "error") o.unmapped = UnmappedPolicy::Error;
                else if (value == "drop") o.unmapped = UnmappedPolicy::Drop;
                else if (value == "keep") o.unmapped = UnmappedPolicy::Keep;
                else cl.fail("--unmapped expects error, drop or keep, got '" + value + "'");
            } else if (cl.option("--ratio", value)) {
                auto colon = value.find(':');
                try {
                    double s = std::stod(value.substr(0, colon)), r = std::stod(value.substr(colon + 1));
                    if (colon == std::string::npos || s < 0 || r < 0 || s + r == 0) throw std::invalid_argument("");
                    o.ratio = {{s, r}};
                } catch (const std::exception&) {
                    cl.fail("--ratio expects SYNTHETIC:REAL such as 3:1, got '" + value + "'");
                }
            } else if (cl.option("--synthetic", value) || cl.option("--real", value)) {
                auto n = parseWholeNumber(value);
                if (!n || *n < 0) cl.fail(cl.current() + " expects a whole number >= 0, got '" + value + "'");
                (cl.current() == "--synthetic" ? o.syntheticCount : o.realCount) = size_t(*n);
            } else if (cl.option("--val", value)) o.valFraction = fraction(cl, value);
            else if (cl.option("--test", value)) o.testFraction = fraction(cl, value);
            else if (cl.flag("--synthetic-in-eval")) o.syntheticInEval = true;
            else if (cl.flag("--stratify")) o.stratify = true;
            else if (cl.option("--group-field", value)) o.groupField = value;
            else if (cl.option("--group-pattern", value)) o.groupPattern = value;
            else if (cl.option("--seed", value)) {
                auto n = parseWholeNumber(value);
                if (!n || *n < 0) cl.fail("--seed expects a whole number >= 0, got '" + value + "'");
                o.seed = uint64_t(*n);
            } else if (cl.option("--files", value)) {
                if (value == "copy") o.files = FileMode::Copy;
                else if (value == "hardlink") o.files = FileMode::Hardlink;
                else if (value == "symlink") o.files = FileMode::Symlink;
                else cl.fail("--files expects hardlink, copy or symlink, got '" + value + "'");
            } else if (cl.option("--images", value)) o.read.imageRoot = value;
            else if (cl.flag("--skip-invalid")) o.skipInvalid = true;
            else if (cl.flag("--drop-crowd")) o.dropCrowd = true;
            else if (cl.positional(source)) o.sources.push_back(source);
            else cl.unknown();
        }
        if (cl.helpRequested()) return 0;
        if (out.empty()) cl.fail("missing --out DIR", "write --out DIR");
        if (o.sources.empty()) cl.fail("no SOURCE given", "name the datasets to mix");
        if (o.valFraction + o.testFraction >= 1) cl.fail("--val and --test together must stay below 1");
        if (o.ratio && (o.syntheticCount || o.realCount)) cl.fail("--ratio and --synthetic/--real both set the train composition", "use one of them");
        o.out = out;
        MixReport r = mixDatasets(o);
        for (const auto& [split, c] : r.splits)
            std::fprintf(stderr, "synthgen mix: %-5s %zu synthetic + %zu real images, %zu annotations\n", split.c_str(), c.synthetic, c.real, c.annotations);
        for (const auto& n : r.notes) std::fprintf(stderr, "synthgen mix: note: %s\n", n.c_str());
        if (!r.skipped.empty()) {
            std::fprintf(stderr, "synthgen mix: %zu broken entries skipped (--skip-invalid):\n", r.skipped.size());
            for (const auto& s : r.skipped) std::fprintf(stderr, "  %s\n", s.c_str());
        }
        std::fprintf(stderr, "synthgen mix: wrote %s\n", out.c_str());
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen mix: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen mix: error: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
