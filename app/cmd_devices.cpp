#include "app/Commands.h"
#include "renderer/Renderer.h"

#include <cstdio>
#include <exception>
#include <string>

namespace sg::app {

int cmdDevices(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::printf("usage: synthgen devices\n\nLists the Vulkan devices synthgen can render on. Pick one with\n"
                        "--device INDEX or --device NAME-SUBSTRING on render and generate; by default a\n"
                        "discrete GPU is preferred, then an integrated one, then the CPU (lavapipe).\n");
            return 0;
        }
        std::fprintf(stderr, "synthgen devices: unknown option '%s'\n", a.c_str());
        return 2;
    }
    try {
        auto devices = listDevices();
        for (const auto& d : devices)
            std::printf("%d  %-40s %-10s Vulkan %s  %s\n", d.index, d.name.c_str(), d.type.c_str(), d.apiVersion.c_str(),
                        d.driver.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen devices: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
