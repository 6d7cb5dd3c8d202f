#pragma once
// Runs a shell command line, capturing stdout+stderr and the exit code (test helper).
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

struct CommandResult {
    int exitCode = -1;
    std::string output;
};

inline CommandResult runCommand(const std::string& commandLine) {
    CommandResult r;
    FILE* p = popen((commandLine + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string synthgenBinary() { return std::string(SYNTHGEN_BINARY_DIR) + "/synthgen"; }

// Starts the synthgen binary with `args` (no shell), stdout and stderr going to `outputFile`;
// returns its pid. For tests that signal the process while it runs.
#include <filesystem>
#include <vector>
#include <unistd.h>

inline pid_t spawnSynthgen(const std::vector<std::string>& args, const std::filesystem::path& outputFile) {
    std::string binary = synthgenBinary();
    pid_t pid = fork();
    if (pid == 0) {
        FILE* f = std::fopen(outputFile.c_str(), "w");
        if (f) {
            dup2(fileno(f), STDERR_FILENO);
            dup2(fileno(f), STDOUT_FILENO);
        }
        std::vector<char*> argv{const_cast<char*>(binary.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

// Waits for a spawned process; its exit code, or 128 + signal when a signal ended it.
inline int waitExitCode(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
