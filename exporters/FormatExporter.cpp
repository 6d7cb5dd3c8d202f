#include "exporters/FormatExporter.h"

#include "core/AtomicFile.h"
#include "core/KeyedRng.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <fcntl.h>
#include <unistd.h>
#include <cstdio>

namespace sg {

std::unique_ptr<FormatExporter> makeCocoExporter();
std::unique_ptr<FormatExporter> makeYoloExporter();
std::unique_ptr<FormatExporter> makeVocExporter();
std::unique_ptr<FormatExporter> makeBopExporter();
std::unique_ptr<FormatExporter> makeMotExporter();
std::unique_ptr<FormatExporter> makeClassifyExporter();
std::unique_ptr<FormatExporter> makeMvtecExporter();

std::vector<std::string> knownFormats() { return {"coco", "yolo", "voc", "bop", "mot", "classify", "mvtec"}; }

std::unique_ptr<FormatExporter> makeFormatExporter(const std::string& name) {
    if (name == "coco") return makeCocoExporter();
    if (name == "yolo") return makeYoloExporter();
    if (name == "voc") return makeVocExporter();
    if (name == "bop") return makeBopExporter();
    if (name == "mot") return makeMotExporter();
    if (name == "classify") return makeClassifyExporter();
    if (name == "mvtec") return makeMvtecExporter();
    return nullptr;
}

std::string frameStem(int64_t frame) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(frame));
    return buf;
}

void writeFileRenamed(const std::filesystem::path& path, std::span<const uint8_t> bytes) {
    std::filesystem::path tmp = path;
    tmp += ".tmp." + std::to_string(::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f && errno == ENOENT) {  // the folder's first file creates it
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        f = std::fopen(tmp.c_str(), "wb");
    }
    if (!f) throw std::runtime_error("cannot create " + tmp.string() + ": " + std::strerror(errno));
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw std::runtime_error("cannot write " + path.string() + ": " + why);
    }
}

void syncFileSystem(const std::filesystem::path& root) {
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + root.string() + ": " + std::strerror(errno));
    int rc = ::syncfs(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) throw std::runtime_error("cannot flush " + root.string() + ": " + std::strerror(err));
}

void writeFrameFile(const std::filesystem::path& root, const std::string& relative, std::span<const uint8_t> bytes,
                    std::vector<std::string>& files) {
    writeFileRenamed(root / relative, bytes);
    files.push_back(relative);
}

void writeFrameText(const std::filesystem::path& root, const std::string& relative, const std::string& text,
                    std::vector<std::string>& files) {
    writeFrameFile(root, relative, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()), files);
}

void writeTextCreatingDirs(const std::filesystem::path& root, const std::string& relative, const std::string& text) {
    std::filesystem::path p = root / relative;
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    writeFileAtomic(p, std::string_view(text));
}

bool isValFrame(int64_t frame, uint64_t seed, double valFraction) {
    if (valFraction <= 0) return false;
    KeyedRng rng(seed, uint64_t(frame), 0, "train/val split");
    return rng.uniform() < valFraction;
}

nlohmann::json categoryJson(const Category& c) {
    nlohmann::json j{{"id", c.id}, {"name", c.name}, {"supercategory", c.supercategory.empty() ? c.name : c.supercategory}};
    if (!c.keypoints.empty()) {
        j["keypoints"] = c.keypoints;
        nlohmann::json sk = nlohmann::json::array();
        for (auto [a, b] : c.skeleton) sk.push_back({a + 1, b + 1});  // COCO skeleton indices are 1-based
        j["skeleton"] = sk;
    }
    return j;
}

AtomicTextStream::AtomicTextStream(std::filesystem::path path) : path_(std::move(path)) {
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
    tmp_ = path_;
    tmp_ += ".tmp." + std::to_string(::getpid());
    file_ = std::fopen(tmp_.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot create " + tmp_.string() + ": " + std::strerror(errno));
}

AtomicTextStream::~AtomicTextStream() {
    if (file_) {
        std::fclose(file_);
        std::error_code ec;
        std::filesystem::remove(tmp_, ec);
    }
}

void AtomicTextStream::write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
        throw std::runtime_error("cannot write " + tmp_.string() + ": " + std::strerror(errno));
}

void AtomicTextStream::commit() {
    bool ok = std::fflush(file_) == 0 && ::fdatasync(::fileno(file_)) == 0;
    ok = (std::fclose(file_) == 0) && ok;
    file_ = nullptr;
    if (!ok || ::rename(tmp_.c_str(), path_.c_str()) != 0) {
        std::error_code ec;
        std::filesystem::remove(tmp_, ec);
        throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
    }
}

void linkDatasetFile(const std::filesystem::path& root, const std::string& from, const std::string& to) {
    std::filesystem::path source = root / from, target = root / to;
    // The usual case, a layout rebuilt into an emptied folder at finish: one link() per file (a
    // crop dataset links tens of thousands, and finish runs on one thread). Only the first file of
    // a folder creates it.
    if (::link(source.c_str(), target.c_str()) == 0) return;
    std::error_code ec;
    if (errno == ENOENT && std::filesystem::create_directories(target.parent_path(), ec) &&
        ::link(source.c_str(), target.c_str()) == 0)
        return;
    // A target already there is replaced whole (linked or copied beside it, then renamed over it);
    // a file system without hard links gets a copy.
    std::filesystem::path tmp = target;
    tmp += ".tmp." + std::to_string(::getpid());
    std::filesystem::remove(tmp, ec);
    std::filesystem::create_hard_link(source, tmp, ec);
    if (ec) std::filesystem::copy_file(source, tmp, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(tmp, target);
}

std::string fixed6(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    std::string s(buf, r.ptr);
    if (s == "-0.000000") s = "0.000000";
    return s;
}

}  // namespace sg
