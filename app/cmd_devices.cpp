#include "app/Commands.h"

#include <cstdio>

namespace sg::app {

int cmdDevices(int argc, char** argv) {
    std::fprintf(stderr, "synthgen devices: not implemented yet\n");
    return 1;
}

}  // namespace sg::app
