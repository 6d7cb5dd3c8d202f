#pragma once
// The one error type for bad user input. Its message always names where the problem is
// (file and JSON path), what is wrong, and how to fix it, e.g.
//   scene.json: /objects/3/mesh: file "bolt.obj" not found. Fix: check the path; relative
//   paths are resolved against the folder of scene.json.
#include <stdexcept>
#include <string>

namespace sg {

struct InputError : std::runtime_error {
    std::string file;      // the file the user gave us ("" when the input came from the command line)
    std::string jsonPath;  // JSON pointer into that file ("" when not applicable)
    std::string problem;
    std::string fix;

    InputError(std::string file_, std::string jsonPath_, std::string problem_, std::string fix_)
        : std::runtime_error(format(file_, jsonPath_, problem_, fix_)), file(std::move(file_)), jsonPath(std::move(jsonPath_)),
          problem(std::move(problem_)), fix(std::move(fix_)) {}

    static std::string format(const std::string& file, const std::string& path, const std::string& problem, const std::string& fix) {
        std::string m;
        if (!file.empty()) m += file + ": ";
        if (!path.empty()) m += path + ": ";
        m += problem;
        if (!fix.empty()) m += ". Fix: " + fix;
        return m;
    }
};

}  // namespace sg
