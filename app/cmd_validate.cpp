// synthgen validate PATH : checks a COCO / YOLO / VOC / synthgen dataset (datasets/Validate.h).
#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "datasets/DatasetReaders.h"
#include "datasets/Validate.h"

#include <cstdio>
#include <map>

namespace sg::app {

int cmdValidate(int argc, char** argv) {
    std::string path;
    DatasetReadOptions read;
    ValidateOptions options;
    int examples = 3;
    bool noMaskCheck = false;
    CommandOptions cli("validate", "PATH [options]",
                       "Checks a dataset (a synthgen folder, a COCO JSON file, a YOLO data.yaml or a VOC folder): missing or\n"
                       "unreadable images, image size vs labels, boxes outside the image or of zero area, masks vs boxes,\n"
                       "duplicate ids, unknown categories, out-of-range YOLO classes, keypoints outside the image, class\n"
                       "imbalance. Prints counts and the first examples of each problem.\n"
                       "Exit code: 0 clean, 1 problems found, 2 the dataset could not be read.\n");
    cli.positional("PATH", "the dataset to check", [&](const std::string& p) {
        if (!path.empty())
            commandLineError("validate", "two datasets given (\"" + path + "\" and \"" + p + "\")", "check one dataset at a time");
        path = p;
    });
    cli.text("--images", "DIR", "image folder of a COCO file whose layout is not found by itself",
             [&](const std::string&, const std::string& v) { read.imageRoot = v; })
        .number("--imbalance-threshold", "X", "largest / smallest class count allowed (default 100)", options.imbalanceThreshold, 1,
                1e300)
        .integer("--examples", "N", "examples printed per kind of problem (default 3)", examples, 0, 1000000)
        .flag("--no-mask-check", "skip decoding masks against boxes", noMaskCheck);
    try {
        if (!cli.parse(argc, argv)) return 0;
        if (noMaskCheck) options.checkMasks = false;
        if (path.empty()) commandLineError("validate", "no PATH given", "name the dataset to check");
        Dataset ds = readDataset(path, read);
        ValidateResult r = validateDataset(ds, options);
        std::printf("%s: %s dataset%s, %zu images, %zu annotations, %zu categories\n", path.c_str(), datasetFormatName(ds.format),
                    ds.synthetic ? " (synthgen)" : "", r.images, r.annotations, ds.categories.size());
        for (const auto& n : ds.notes) std::printf("note: %s\n", n.c_str());
        if (r.issues.empty()) {
            std::printf("clean: no problems found\n");
            return 0;
        }
        std::map<std::string, std::vector<const DatasetIssue*>> byKind;
        for (const auto& i : r.issues) byKind[i.kind].push_back(&i);
        std::printf("%zu problems:\n", r.issues.size());
        for (const auto& [kind, list] : byKind) {
            std::printf("  %-24s %zu\n", kind.c_str(), list.size());
            for (size_t k = 0; k < list.size() && k < size_t(examples); ++k) std::printf("    %s\n", list[k]->text().c_str());
        }
        return 1;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen validate: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen validate: could not read the dataset: %s\n", e.what());
        return 2;
    }
}

}  // namespace sg::app
