#include "app/Commands.h"

#include <cstdio>

namespace sg::app {

int cmdMerge(int argc, char** argv) {
    std::fprintf(stderr, "synthgen merge: not implemented yet\n");
    return 1;
}

}  // namespace sg::app
