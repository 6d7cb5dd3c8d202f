#include "core/JsonReader.h"

#include "core/AtomicFile.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sg {

namespace {
std::string fmtNumber(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}
}  // namespace

Json parseJsonText(const std::string& text, const std::string& file) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // Turn nlohmann's byte offset into a line and column a person can find.
        size_t line = 1, col = 1;
        for (size_t i = 0; i < text.size() && i + 1 < e.byte; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string what = e.what();
        auto p = what.find("parse error");
        if (p != std::string::npos) what = what.substr(p);
        throw InputError(file, "",
                         "malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(col) + " (" + what + ")",
                         "correct the JSON syntax there (a missing comma, quote or bracket is the usual cause)");
    } catch (const Json::out_of_range& e) {
        // e.g. 1e999: syntactically a number, but not one a double can hold.
        throw InputError(file, "", std::string("a number is out of range (") + e.what() + ")",
                         "use finite numbers within about 1e308");
    }
}

Json parseJsonFile(const std::filesystem::path& path) { return parseJsonText(readTextFile(path), path.string()); }

std::string describeJsonType(const Json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "an array";
    return "an object";
}

static size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closestName(const std::string& name, const std::vector<std::string>& known) {
    std::string best;
    size_t bestD = std::max<size_t>(2, name.size() / 3) + 1;
    for (const auto& k : known) {
        size_t d = editDistance(name, k);
        if (d < bestD) {
            bestD = d;
            best = k;
        }
    }
    return best;
}

double checkedNumber(const Json& v, const std::string& file, const std::string& path, JsonObject::Range r) {
    if (!v.is_number()) {
        std::string hint = v.is_string() ? " (a number in quotes?)" : "";
        throw InputError(file, path, "expected a number, found " + describeJsonType(v) + hint, "write a plain number such as 1.5");
    }
    double x = v.get<double>();
    if (!std::isfinite(x)) throw InputError(file, path, "the number is not finite", "use a finite number");
    if (r.min && (r.minExclusive ? x <= *r.min : x < *r.min))
        throw InputError(file, path, "value " + fmtNumber(x) + " is too small",
                         std::string("use a value ") + (r.minExclusive ? "greater than " : "of at least ") + fmtNumber(*r.min));
    if (r.max && x > *r.max)
        throw InputError(file, path, "value " + fmtNumber(x) + " is too large", "use a value of at most " + fmtNumber(*r.max));
    return x;
}

JsonObject::JsonObject(const Json& j, std::string file, std::string path) : j_(j), file_(std::move(file)), path_(std::move(path)) {
    if (!j_.is_object())
        throw InputError(file_, path_.empty() ? "/" : path_, "expected a JSON object, found " + describeJsonType(j_),
                         "write an object in braces: { \"key\": value, ... }");
}

std::string JsonObject::escapeKey(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

void JsonObject::fail(const std::string& key, const std::string& problem, const std::string& fix) const {
    throw InputError(file_, key.empty() ? path_ : pathOf(key), problem, fix);
}

bool JsonObject::has(const std::string& key) const { return j_.contains(key); }

const Json* JsonObject::find(const std::string& key) {
    known_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
}

const Json& JsonObject::require(const std::string& key, const std::string& fix) {
    const Json* v = find(key);
    if (!v) throw InputError(file_, path_.empty() ? "/" : path_, "missing required key \"" + key + "\"", fix);
    return *v;
}

double JsonObject::number(const std::string& key, double fallback, Range r) {
    const Json* v = find(key);
    return v ? checkedNumber(*v, file_, pathOf(key), r) : fallback;
}

double JsonObject::requireNumber(const std::string& key, Range r) {
    return checkedNumber(require(key, "add \"" + key + "\": <number>"), file_, pathOf(key), r);
}

int JsonObject::integer(const std::string& key, int fallback, Range r) {
    const Json* v = find(key);
    if (!v) return fallback;
    double x = checkedNumber(*v, file_, pathOf(key), r);
    if (x != std::floor(x) || std::abs(x) > 2e9)
        fail(key, "expected a whole number, found " + fmtNumber(x), "write an integer such as 3");
    return int(x);
}

bool JsonObject::boolean(const std::string& key, bool fallback) {
    const Json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(key, "expected true or false, found " + describeJsonType(*v), "write true or false without quotes");
    return v->get<bool>();
}

std::string JsonObject::string(const std::string& key, const std::string& fallback) {
    const Json* v = find(key);
    if (!v) return fallback;
    if (!v->is_string()) fail(key, "expected a string, found " + describeJsonType(*v), "write the value in double quotes");
    return v->get<std::string>();
}

std::string JsonObject::requireString(const std::string& key) {
    const Json& v = require(key, "add \"" + key + "\": \"...\"");
    if (!v.is_string()) fail(key, "expected a string, found " + describeJsonType(v), "write the value in double quotes");
    return v.get<std::string>();
}

std::vector<double> JsonObject::numbers(const std::string& key, size_t n, std::vector<double> fallback) {
    const Json* v = find(key);
    if (!v) return fallback;
    if (!v->is_array() || v->size() != n)
        fail(key,
             "expected an array of " + std::to_string(n) + " numbers, found " +
                 (v->is_array() ? "an array of " + std::to_string(v->size()) : describeJsonType(*v)),
             "write [" +
                 std::string(n == 3   ? "x, y, z"
                             : n == 4 ? "a, b, c, d"
                                      : "...") +
                 "]");
    std::vector<double> out;
    for (size_t i = 0; i < n; ++i) out.push_back(checkedNumber((*v)[i], file_, pathOf(key) + "/" + std::to_string(i)));
    return out;
}

std::string JsonObject::oneOf(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback) {
    std::string s = string(key, fallback);
    if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return s;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
    std::string close = closestName(s, allowed);
    fail(key, "unknown value \"" + s + "\"", (close.empty() ? "" : "did you mean \"" + close + "\"? ") + "Allowed: " + list);
}

void JsonObject::allow(const std::string& key) { known_.insert(key); }

void JsonObject::finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
        if (known_.count(it.key())) continue;
        std::vector<std::string> known(known_.begin(), known_.end());
        std::string close = closestName(it.key(), known);
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw InputError(file_, pathOf(it.key()), "unknown key \"" + it.key() + "\"",
                         (close.empty() ? "remove it" : "did you mean \"" + close + "\"?") + std::string(" Known keys here: ") + list);
    }
}

}  // namespace sg
