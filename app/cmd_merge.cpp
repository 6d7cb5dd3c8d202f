// synthgen merge PART... --out DIR : joins shard outputs of one generate run into one dataset.
#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "core/InputError.h"
#include "exporters/DatasetWriter.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace sg::app {

int cmdMerge(int argc, char** argv) {
    std::vector<std::filesystem::path> parts;
    std::string out;
    CommandOptions cli("merge", "PART... --out DIR",
                       "Joins the part folders written by 'synthgen generate --shard I/N' (or a Slurm/Kubernetes array)\n"
                       "into one dataset, identical to a single-process run. Refuses parts of different runs, missing\n"
                       "frames and duplicates, naming the wrong part.\n");
    cli.positional("PART", "a part folder (one per shard)", [&](const std::string& p) { parts.emplace_back(p); });
    cli.text({"--out", "-o"}, "DIR", "the merged dataset's folder", out);
    try {
        if (!cli.parse(argc, argv)) return 0;
        if (out.empty()) commandLineError("merge", "missing --out DIR", "name the folder to write, e.g. --out merged");
        if (parts.empty())
            commandLineError("merge", "no part folders given", "list the part folders, e.g. synthgen merge parts/* --out merged");
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
