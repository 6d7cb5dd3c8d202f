// synthgen command line: dispatches to one command per file (app/cmd_*.cpp).
#include "app/Commands.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

struct Command {
    const char* name;
    int (*run)(int, char**);
    const char* summary;
};

const Command kCommands[] = {
    {"generate", sg::app::cmdGenerate, "render and label a dataset of N frames from a scenario (or the built-in demo)"},
    {"render", sg::app::cmdRender, "render one scene file (JSON or glTF) with its labels into a folder"},
    {"merge", sg::app::cmdMerge, "join shard outputs of one generate run into one dataset"},
    {"mix", sg::app::cmdMix, "join synthetic and real COCO / YOLO / VOC datasets into one (categories by name)"},
    {"validate", sg::app::cmdValidate, "check a COCO / YOLO / VOC / synthgen dataset; exit 0 clean, 1 problems, 2 unreadable"},
    {"report", sg::app::cmdReport, "write one static HTML page that shows one or more datasets side by side"},
    {"devices", sg::app::cmdDevices, "list the Vulkan devices synthgen can render on"},
};

void printUsage(FILE* to) {
    std::fprintf(to, "synthgen %s - synthetic data for computer vision\n\nusage: synthgen <command> [options]\n\ncommands:\n",
                 SYNTHGEN_VERSION);
    for (const auto& c : kCommands) std::fprintf(to, "  %-10s %s\n", c.name, c.summary);
    std::fprintf(to, "\n'synthgen <command> --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "--version" || cmd == "version") {
        std::printf("synthgen %s\n", SYNTHGEN_VERSION);
        return 0;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        printUsage(stdout);
        return 0;
    }
    for (const auto& c : kCommands)
        if (cmd == c.name) return c.run(argc - 1, argv + 1);
    std::fprintf(stderr, "synthgen: unknown command '%s'\n\n", cmd.c_str());
    printUsage(stderr);
    return 2;
}
