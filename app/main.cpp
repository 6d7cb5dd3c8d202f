// synthgen command line: dispatches to one command per file (app/cmd_*.cpp).
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("synthgen %s\n", SYNTHGEN_VERSION);
        return 0;
    }
    std::fprintf(stderr, "usage: synthgen <command> [options]\n");
    return 2;
}
