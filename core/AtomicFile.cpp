#include "core/AtomicFile.h"

#include "core/InputError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sg {

namespace {
std::runtime_error ioError(const std::string& what, const std::filesystem::path& p) {
    return std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}
}  // namespace

void writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes) {
    std::filesystem::path tmp = path;
    tmp += ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw ioError("cannot create", tmp);
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            auto err = ioError("cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            throw err;
        }
        done += size_t(n);
    }
    // fdatasync so that a crash after the rename cannot leave an empty file behind the new name.
    if (::fdatasync(fd) != 0 || ::close(fd) != 0) {
        auto err = ioError("cannot flush", tmp);
        ::unlink(tmp.c_str());
        throw err;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto err = ioError("cannot rename onto", path);
        ::unlink(tmp.c_str());
        throw err;
    }
}

void writeFileAtomic(const std::filesystem::path& path, std::string_view text) {
    writeFileAtomic(path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

std::string readTextFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw InputError(path.string(), "", "file not found",
                         "check the path (relative paths are resolved against the current folder)");
    if (std::filesystem::is_directory(path, ec)) throw InputError(path.string(), "", "is a folder, not a file", "name a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string(), "", "cannot be read", "check its permissions");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace sg
