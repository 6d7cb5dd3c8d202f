#pragma once
// Atomic file writes: write to a temporary file in the same folder, fsync, rename over the target.
// A reader (or a resumed run) sees either the old file or the complete new one, never half of it.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

namespace sg {

void writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes);
void writeFileAtomic(const std::filesystem::path& path, std::string_view text);

// Reads a whole file; throws InputError naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& path);

}  // namespace sg
