#include "app/Commands.h"

#include <cstdio>

namespace sg::app {

int cmdGenerate(int argc, char** argv) {
    std::fprintf(stderr, "synthgen generate: not implemented yet\n");
    return 1;
}

}  // namespace sg::app
