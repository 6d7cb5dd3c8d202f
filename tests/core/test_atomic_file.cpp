#include "core/AtomicFile.h"
#include "core/InputError.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace sg;
namespace fs = std::filesystem;

TEST_CASE("an atomic write replaces the file and leaves no temporary behind") {
    fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "atomic";
    fs::remove_all(dir);
    fs::create_directories(dir);
    writeFileAtomic(dir / "a.txt", std::string_view("first"));
    writeFileAtomic(dir / "a.txt", std::string_view("second"));
    CHECK(readTextFile(dir / "a.txt") == "second");
    int files = 0;
    for (auto& e : fs::directory_iterator(dir)) {
        (void)e;
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("reading a missing file names it") {
    try {
        readTextFile("/nonexistent/scene.json");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("/nonexistent/scene.json: file not found"));
    }
}
