#pragma once
// Waits, without sleeping, until a folder (which may not exist yet) holds at least `count` entries
// with a given extension, or a deadline passes. Blocks on inotify events of the folder, or of its
// nearest existing ancestor while the folder does not exist yet; each wake-up re-checks.
#include <sys/inotify.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

inline size_t countEntries(const std::filesystem::path& dir, const std::string& extension) {
    std::error_code ec;
    size_t n = 0;
    if (!std::filesystem::is_directory(dir, ec)) return 0;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) n += e.path().extension() == extension;
    return n;
}

inline bool waitForFiles(const std::filesystem::path& dir, const std::string& extension, size_t count, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd < 0) return false;
    bool reached = false;
    while (true) {
        // Watch the folder itself, or the nearest ancestor that exists (to see it being created).
        std::filesystem::path watched = dir;
        std::error_code ec;
        while (!std::filesystem::exists(watched, ec) && watched.has_parent_path() && watched != watched.parent_path())
            watched = watched.parent_path();
        int wd = inotify_add_watch(fd, watched.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
        // Check after adding the watch, so that nothing created in between is missed.
        if (countEntries(dir, extension) >= count) {
            reached = true;
            break;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, int(left.count())) > 0) {
            char buf[4096];
            while (read(fd, buf, sizeof buf) > 0) {
            }
        }
        if (wd >= 0) inotify_rm_watch(fd, wd);
    }
    close(fd);
    return reached;
}
