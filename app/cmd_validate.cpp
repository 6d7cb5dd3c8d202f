// synthgen validate PATH : checks a COCO / YOLO / VOC / synthgen dataset (datasets/Validate.h).
#include "app/CommandLine.h"
#include "app/Commands.h"
#include "datasets/DatasetReaders.h"
#include "datasets/Validate.h"

#include <cstdio>
#include <map>

namespace sg::app {

int cmdValidate(int argc, char** argv) {
    const char* usage =
        "usage: synthgen validate PATH [options]\n\n"
        "Checks a dataset (a synthgen folder, a COCO JSON file, a YOLO data.yaml or a VOC folder): missing or\n"
        "unreadable images, image size vs labels, boxes outside the image or of zero area, masks vs boxes,\n"
        "duplicate ids, unknown categories, out-of-range YOLO classes, keypoints outside the image, class\n"
        "imbalance. Prints counts and the first examples of each problem.\n"
        "Exit code: 0 clean, 1 problems found, 2 the dataset could not be read.\n\n"
        "options:\n"
        "  --images DIR                 image folder of a COCO file whose layout is not found by itself\n"
        "  --imbalance-threshold X      largest / smallest class count allowed (default 100)\n"
        "  --examples N                 examples printed per kind of problem (default 3)\n"
        "  --no-mask-check              skip decoding masks against boxes\n";
    try {
        CommandLine cl(argc, argv, "validate", usage);
        std::string path, value;
        DatasetReadOptions read;
        ValidateOptions options;
        int examples = 3;
        while (cl.next()) {
            if (cl.option("--images", value)) read.imageRoot = value;
            else if (cl.option("--imbalance-threshold", value)) {
                try {
                    options.imbalanceThreshold = std::stod(value);
                } catch (const std::exception&) {
                    cl.fail("--imbalance-threshold expects a number, got '" + value + "'");
                }
                if (!(options.imbalanceThreshold >= 1)) cl.fail("--imbalance-threshold must be >= 1");
            } else if (cl.intOption("--examples", examples, 0, 1000000)) {
            } else if (cl.flag("--no-mask-check")) options.checkMasks = false;
            else if (cl.positional(path)) {
            } else cl.unknown();
        }
        if (cl.helpRequested()) return 0;
        if (path.empty()) cl.fail("no PATH given", "name the dataset to check");
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
