#pragma once
// Small helpers shared by the scene tests.
#include "core/InputError.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace sgtest {

// A fresh, empty folder under the build tree for one test. ctest runs test cases as parallel
// processes, so the folder name includes (a hash of) the running test case's name.
inline std::filesystem::path tempDir(const std::string& name) {
    size_t test = std::hash<std::string>{}(Catch::getResultCapture().getCurrentTestName());
    std::filesystem::path d = std::filesystem::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "scenes" /
                              (name + "-" + std::to_string(test % 1000000007));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

inline void writeFile(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

// The message of the sg::InputError thrown by f; fails the test when f throws nothing or something else.
inline std::string inputErrorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const sg::InputError& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("expected sg::InputError, got another exception: " << e.what());
    }
    FAIL("expected sg::InputError, nothing was thrown");
    return "";
}

inline const std::string kAssimpModels = "/usr/share/assimp/models";

}  // namespace sgtest
