#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "core/InputError.h"
#include "renderer/Renderer.h"

#include <cstdio>
#include <exception>
#include <string>

namespace sg::app {

int cmdDevices(int argc, char** argv) {
    CommandOptions cli("devices", "",
                       "Lists the Vulkan devices synthgen can render on. Pick one with --device INDEX or\n"
                       "--device NAME-SUBSTRING on render and generate; by default a discrete GPU is preferred,\n"
                       "then an integrated one, then the CPU (lavapipe).\n");
    try {
        if (!cli.parse(argc, argv)) return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen devices: %s\n", e.what());
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
