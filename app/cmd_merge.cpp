// synthgen merge PART... --out DIR : joins shard outputs of one generate run into one dataset.
#include "app/Commands.h"
#include "core/InputError.h"
#include "exporters/DatasetWriter.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace sg::app {

int cmdMerge(int argc, char** argv) {
    const char* usage =
        "usage: synthgen merge PART... --out DIR\n\n"
        "Joins the part folders written by 'synthgen generate --shard I/N' (or a Slurm/Kubernetes array)\n"
        "into one dataset, identical to a single-process run. Refuses parts of different runs, missing\n"
        "frames and duplicates, naming the wrong part.\n";
    std::vector<std::filesystem::path> parts;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--help" || s == "-h") {
            std::fputs(usage, stdout);
            return 0;
        }
        if (s == "--out" || s == "-o") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "synthgen merge: --out needs a folder\n\n%s", usage);
                return 2;
            }
            out = argv[++i];
        } else if (!s.empty() && s[0] == '-') {
            std::fprintf(stderr, "synthgen merge: unknown option %s\n\n%s", s.c_str(), usage);
            return 2;
        } else {
            parts.emplace_back(s);
        }
    }
    if (out.empty() || parts.empty()) {
        std::fprintf(stderr, "synthgen merge: %s\n\n%s", out.empty() ? "missing --out DIR" : "no part folders given", usage);
        return 2;
    }
    try {
        mergeDatasets(parts, out);
        std::fprintf(stderr, "synthgen merge: %zu parts -> %s\n", parts.size(), out.c_str());
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen merge: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen merge: error: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
