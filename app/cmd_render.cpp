#include "app/Commands.h"

#include <cstdio>

namespace sg::app {

int cmdRender(int argc, char** argv) {
    std::fprintf(stderr, "synthgen render: not implemented yet\n");
    return 1;
}

}  // namespace sg::app
