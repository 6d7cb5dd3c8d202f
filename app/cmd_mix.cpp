// synthgen mix SOURCE... --out DIR : joins synthetic and real datasets into one (datasets/Mix.h).
#include "app/CommandOptions.h"
#include "core/InputError.h"
#include "app/Commands.h"
#include "core/JsonReader.h"
#include "datasets/Mix.h"

#include <cstdio>
#include <sstream>

namespace sg::app {

namespace {

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

// A share of the real images: [0, 1).
double fraction(const std::string& typed, const std::string& v) {
    double f = numberIn("mix", typed, v, 0, 1);
    if (f >= 1) commandLineError("mix", typed + " expects a fraction in [0, 1), got '" + v + "'");
    return f;
}

}  // namespace

int cmdMix(int argc, char** argv) {
    MixOptions o;
    std::string out;
    CommandOptions cli("mix", "SOURCE... --out DIR [options]",
                       "Joins synthgen datasets and real COCO / YOLO / Pascal VOC datasets into one dataset. A SOURCE is a\n"
                       "dataset folder, a COCO JSON file, a YOLO data.yaml or a VOC folder. Categories are matched by name;\n"
                       "val and test hold real images only (unless --synthetic-in-eval); a group never crosses splits.\n");
    auto choice = [](const std::string& typed, const std::string& v, std::initializer_list<const char*> allowed) {
        for (const char* a : allowed)
            if (v == a) return;
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        commandLineError("mix", typed + " expects one of " + list + ", got '" + v + "'");
    };
    cli.positional("SOURCE", "a dataset folder, COCO JSON file, YOLO data.yaml or VOC folder",
                   [&](const std::string& s) { o.sources.push_back(s); });
    cli.text({"--out", "-o"}, "DIR", "output folder (must not exist or be empty; written whole or not at all)", out)
        .text("--formats", "LIST", "coco,yolo,voc (default coco)",
              [&](const std::string&, const std::string& v) { o.formats = splitList(v); })
        .text("--categories", "A,B,...", "output categories (default: the synthetic sources', else the first source's)",
              [&](const std::string&, const std::string& v) { o.categories = splitList(v); })
        .text("--alias", "FROM=TO", "map source category FROM to output category TO (repeatable)",
              [&](const std::string& typed, const std::string& v) {
                  auto eq = v.find('=');
                  if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
                      commandLineError("mix", typed + " expects FROM=TO, got '" + v + "'",
                                       "write e.g. --alias scratch=defect/scratch");
                  o.aliases[v.substr(0, eq)] = v.substr(eq + 1);
              })
        .text("--aliases", "FILE.json", "the same as a JSON object {\"FROM\": \"TO\", ...}",
              [&](const std::string&, const std::string& file) {
                  Json j = parseJsonFile(file);
                  if (!j.is_object())
                      throw InputError(file, "", "an alias table is a JSON object", "write {\"scratch\": \"defect/scratch\"}");
                  for (auto& [k, v] : j.items()) {
                      if (!v.is_string())
                          throw InputError(file, "/" + k, "the alias target is not a string", "write the output category name");
                      o.aliases[k] = v.get<std::string>();
                  }
              })
        .text("--unmapped", "error|drop|keep",
              "a source category with no output category: stop (default), leave its\nannotations out, or add it as a new category",
              [&](const std::string& typed, const std::string& v) {
                  choice(typed, v, {"error", "drop", "keep"});
                  o.unmapped = v == "error" ? UnmappedPolicy::Error : v == "drop" ? UnmappedPolicy::Drop : UnmappedPolicy::Keep;
              })
        .text("--ratio", "S:R", "train images synthetic : real (e.g. 3:1), chosen from the seed",
              [&](const std::string& typed, const std::string& v) {
                  auto colon = v.find(':');
                  if (colon == std::string::npos)
                      commandLineError("mix", typed + " expects SYNTHETIC:REAL such as 3:1, got '" + v + "'");
                  double s = numberIn("mix", typed + " (synthetic part)", v.substr(0, colon), 0, 1e12);
                  double r = numberIn("mix", typed + " (real part)", v.substr(colon + 1), 0, 1e12);
                  if (s + r == 0) commandLineError("mix", typed + " expects SYNTHETIC:REAL with a part above 0, got '" + v + "'");
                  o.ratio = {{s, r}};
              })
        .integer("--synthetic", "N", "train synthetic image count instead of a ratio", o.syntheticCount, 0, INT64_MAX)
        .integer("--real", "N", "train real image count instead of a ratio", o.realCount, 0, INT64_MAX)
        .text("--val", "F", "fraction of the real images for val (default 0.1)",
              [&](const std::string& typed, const std::string& v) { o.valFraction = fraction(typed, v); })
        .text("--test", "F", "fraction of the real images for test (default 0)",
              [&](const std::string& typed, const std::string& v) { o.testFraction = fraction(typed, v); })
        .flag("--synthetic-in-eval", "split synthetic images into val / test as well", o.syntheticInEval)
        .flag("--stratify", "keep each class's share equal across splits (by whole groups)", o.stratify)
        .text("--group-field", "NAME", "group images by this COCO image field (default: video_id when present)", o.groupField)
        .text("--group-pattern", "REGEX", "group images by the regex's first capture on the file name", o.groupPattern)
        .integer("--seed", "N", "seed for splits and selection (default 0)", o.seed, 0, INT64_MAX)
        .text("--files", "hardlink|copy|symlink", "how images get into DIR (default hardlink; copy where links fail)",
              [&](const std::string& typed, const std::string& v) {
                  choice(typed, v, {"hardlink", "copy", "symlink"});
                  o.files = v == "copy" ? FileMode::Copy : v == "hardlink" ? FileMode::Hardlink : FileMode::Symlink;
              })
        .text("--images", "DIR", "image folder of a COCO source whose layout is not found by itself",
              [&](const std::string&, const std::string& v) { o.read.imageRoot = v; })
        .flag("--skip-invalid", "leave broken entries out and list them instead of stopping", o.skipInvalid)
        .flag("--drop-crowd", "YOLO / VOC output: leave crowd regions out instead of stopping", o.dropCrowd)
        .flag("--coco-rle", "COCO output: write polygon masks as compressed RLE (default: as read)", o.cocoRle);
    try {
        if (!cli.parse(argc, argv)) return 0;
        if (out.empty()) commandLineError("mix", "missing --out DIR", "write --out DIR");
        if (o.sources.empty()) commandLineError("mix", "no SOURCE given", "name the datasets to mix");
        if (o.valFraction + o.testFraction >= 1) commandLineError("mix", "--val and --test together must stay below 1");
        if (o.ratio && (o.syntheticCount || o.realCount))
            commandLineError("mix", "--ratio and --synthetic/--real both set the train composition", "use one of them");
        o.out = out;
        MixReport r = mixDatasets(o);
        for (const auto& [split, c] : r.splits)
            std::fprintf(stderr, "synthgen mix: %-5s %zu synthetic + %zu real images, %zu annotations\n", split.c_str(), c.synthetic,
                         c.real, c.annotations);
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
