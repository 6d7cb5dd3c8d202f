#pragma once
// Strict JSON reading for user files. Every accessor knows the file and the JSON path it reads,
// so any problem becomes one InputError naming both plus a fix. Unknown keys (usually typos)
// are rejected by finish(), with the closest known key suggested.
#include "core/InputError.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sg {

using Json = nlohmann::json;

// Parses a JSON file; syntax errors name the line and column.
Json parseJsonFile(const std::filesystem::path& path);
Json parseJsonText(const std::string& text, const std::string& fileNameForMessages);

// Allowed range of a number read from JSON.
struct NumberRange {
    std::optional<double> min, max;
    bool minExclusive = false;
};

// Reads one JSON object. Typical use:
//   JsonObject o(json, file, "/objects/3");
//   double s = o.number("scale", 1.0, {.min = 0, .minExclusive = true});
//   o.finish();   // throws on keys nobody asked for
class JsonObject {
public:
    JsonObject(const Json& j, std::string file, std::string path);

    using Range = NumberRange;

    bool has(const std::string& key) const;
    // The raw value (marks the key as known); nullptr when absent.
    const Json* find(const std::string& key);
    // The raw value; throws "missing key" when absent.
    const Json& require(const std::string& key, const std::string& fix);

    double number(const std::string& key, double fallback, Range r = {});
    double requireNumber(const std::string& key, Range r = {});
    int integer(const std::string& key, int fallback, Range r = {});
    bool boolean(const std::string& key, bool fallback);
    std::string string(const std::string& key, const std::string& fallback);
    std::string requireString(const std::string& key);
    // An array of exactly n finite numbers.
    std::vector<double> numbers(const std::string& key, size_t n, std::vector<double> fallback);
    std::string oneOf(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback);

    // Marks a key as known without reading it (for keys handled elsewhere).
    void allow(const std::string& key);
    // Throws InputError for the first key that no accessor asked for.
    void finish() const;

    std::string pathOf(const std::string& key) const { return path_ + "/" + escapeKey(key); }
    const std::string& file() const { return file_; }
    const std::string& path() const { return path_; }
    const Json& json() const { return j_; }
    [[noreturn]] void fail(const std::string& key, const std::string& problem, const std::string& fix) const;

    static std::string escapeKey(const std::string& key);

private:
    const Json& j_;
    std::string file_;
    std::string path_;
    std::set<std::string> known_;
};

// Checks a value read from JSON and names the problem; used by JsonObject and by code that
// walks arrays itself.
double checkedNumber(const Json& v, const std::string& file, const std::string& path, JsonObject::Range r = {});
std::string describeJsonType(const Json& v);
// The known name closest to `name` by edit distance, or "" when nothing is close.
std::string closestName(const std::string& name, const std::vector<std::string>& known);

}  // namespace sg
