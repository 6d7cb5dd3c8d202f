#include "datasets/SimpleYaml.h"

#include "core/AtomicFile.h"

#include <cctype>
#include <cstdlib>
#include <sstream>

namespace sg {

namespace {

struct Line {
    int number = 0;  // 1-based
    int indent = 0;
    std::string text;  // without indentation and comment, trailing spaces removed
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& problem) {
    throw InputError(file, "line " + std::to_string(line), problem,
                     "data.yaml is read as simple YAML (top-level keys; scalars, [flow] lists, {flow} maps, "
                     "and one level of '- item' or 'key: value' lines); rewrite that part in this form");
}

// Removes a comment: '#' at the start or after whitespace, outside quotes.
std::string stripComment(const std::string& s) {
    char quote = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || std::isspace((unsigned char)s[i - 1]))) {
            return s.substr(0, i);
        }
    }
    return s;
}

std::string trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace((unsigned char)s[a])) ++a;
    while (b > a && std::isspace((unsigned char)s[b - 1])) --b;
    return s.substr(a, b - a);
}

Json plainScalar(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True") return true;
    if (s == "false" || s == "False") return false;
    char* end = nullptr;
    long long i = std::strtoll(s.c_str(), &end, 10);
    if (end && *end == 0) return i;
    double d = std::strtod(s.c_str(), &end);
    if (end && *end == 0 && (std::isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.')) return d;
    return s;
}

// A flow value or scalar from `s` starting at `p`; stops at ',', ']' or '}' outside quotes.
class FlowParser {
public:
    FlowParser(const std::string& s, const std::string& file, int line) : s_(s), file_(file), line_(line) {}

    Json parseAll() {
        Json v = value();
        skipSpace();
        if (p_ != s_.size()) fail(file_, line_, "unexpected '" + s_.substr(p_, 10) + "'");
        return v;
    }

private:
    void skipSpace() {
        while (p_ < s_.size() && std::isspace((unsigned char)s_[p_])) ++p_;
    }
    Json value() {
        skipSpace();
        if (p_ >= s_.size()) return nullptr;
        char c = s_[p_];
        if (c == '[') return list();
        if (c == '{') return map();
        if (c == '\'' || c == '"') return quoted();
        size_t start = p_;
        while (p_ < s_.size() && s_[p_] != ',' && s_[p_] != ']' && s_[p_] != '}') ++p_;
        return plainScalar(trim(s_.substr(start, p_ - start)));
    }
    std::string quoted() {
        char q = s_[p_++];
        std::string out;
        while (p_ < s_.size()) {
            char c = s_[p_++];
            if (c == q) {
                if (q == '\'' && p_ < s_.size() && s_[p_] == '\'') {  // '' inside single quotes
                    out += '\'';
                    ++p_;
                    continue;
                }
                return out;
            }
            if (q == '"' && c == '\\' && p_ < s_.size()) {
                char e = s_[p_++];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                continue;
            }
            out += c;
        }
        fail(file_, line_, "a quoted string is not closed");
    }
    Json list() {
        ++p_;
        Json a = Json::array();
        skipSpace();
        if (p_ < s_.size() && s_[p_] == ']') {
            ++p_;
            return a;
        }
        while (true) {
            a.push_back(value());
            skipSpace();
            if (p_ >= s_.size()) fail(file_, line_, "a [ list is not closed");
            if (s_[p_] == ']') {
                ++p_;
                return a;
            }
            if (s_[p_] != ',') fail(file_, line_, "expected ',' or ']' in a list");
            ++p_;
        }
    }
    Json map() {
        ++p_;
        Json m = Json::object();
        skipSpace();
        if (p_ < s_.size() && s_[p_] == '}') {
            ++p_;
            return m;
        }
        while (true) {
            skipSpace();
            size_t start = p_;
            std::string key;
            if (p_ < s_.size() && (s_[p_] == '\'' || s_[p_] == '"')) {
                key = quoted();
            } else {
                while (p_ < s_.size() && s_[p_] != ':') ++p_;
                key = trim(s_.substr(start, p_ - start));
            }
            skipSpace();
            if (p_ >= s_.size() || s_[p_] != ':') fail(file_, line_, "expected 'key: value' in a { map");
            ++p_;
            m[key] = value();
            skipSpace();
            if (p_ >= s_.size()) fail(file_, line_, "a { map is not closed");
            if (s_[p_] == '}') {
                ++p_;
                return m;
            }
            if (s_[p_] != ',') fail(file_, line_, "expected ',' or '}' in a map");
            ++p_;
        }
    }

    const std::string& s_;
    const std::string& file_;
    int line_;
    size_t p_ = 0;
};

// Splits "key: rest" (the colon followed by a space or the end); false when there is none.
bool splitKey(const std::string& text, std::string& key, std::string& rest) {
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if ((c == '\'' || c == '"') && i == 0) {
            quote = c;
        } else if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) {
            key = trim(text.substr(0, i));
            if (key.size() >= 2 && (key[0] == '\'' || key[0] == '"') && key.back() == key[0]) key = key.substr(1, key.size() - 2);
            rest = trim(text.substr(i + 1));
            return true;
        }
    }
    return false;
}

bool bracketsOpen(const std::string& s) {
    int depth = 0;
    char quote = 0;
    for (char c : s) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') quote = c;
        else if (c == '[' || c == '{') ++depth;
        else if (c == ']' || c == '}') --depth;
    }
    return depth > 0;
}

}  // namespace

Json parseSimpleYaml(const std::string& text, const std::string& file) {
    std::vector<Line> lines;
    std::istringstream in(text);
    std::string raw;
    int number = 0;
    std::vector<std::pair<int, std::string>> rawLines;  // kept for block scalars
    while (std::getline(in, raw)) {
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        rawLines.push_back({number, raw});
    }
    Json root = Json::object();
    size_t i = 0;
    auto indentOf = [](const std::string& s) {
        int n = 0;
        while (n < int(s.size()) && s[size_t(n)] == ' ') ++n;
        return n;
    };
    auto isBlank = [&](const std::string& s) { return trim(stripComment(s)).empty(); };
    while (i < rawLines.size()) {
        auto [lineNo, s] = rawLines[i];
        if (isBlank(s) || trim(s) == "---") {
            ++i;
            continue;
        }
        if (s[0] == '\t') fail(file, lineNo, "tabs are not allowed for indentation");
        if (indentOf(s) != 0) fail(file, lineNo, "expected a top-level 'key: value' line");
        std::string key, rest;
        if (!splitKey(trim(stripComment(s)), key, rest)) fail(file, lineNo, "expected 'key: value'");
        ++i;
        if (rest == "|" || rest == ">" || rest == "|-" || rest == ">-") {
            std::string block;
            while (i < rawLines.size() && (rawLines[i].second.empty() || indentOf(rawLines[i].second) > 0))
                block += trim(rawLines[i++].second) + "\n";
            root[key] = block;
            continue;
        }
        if (!rest.empty()) {
            while (bracketsOpen(rest) && i < rawLines.size()) rest += " " + trim(stripComment(rawLines[i++].second));
            root[key] = (rest[0] == '[' || rest[0] == '{' || rest[0] == '\'' || rest[0] == '"')
                            ? FlowParser(rest, file, lineNo).parseAll()
                            : plainScalar(rest);
            continue;
        }
        // A nested block: every following line indented more than the key.
        Json block;
        while (i < rawLines.size()) {
            auto [n, t] = rawLines[i];
            if (isBlank(t)) {
                ++i;
                continue;
            }
            if (indentOf(t) == 0) break;
            std::string item = trim(stripComment(t));
            ++i;
            if (item.rfind("- ", 0) == 0 || item == "-") {
                if (block.is_object()) fail(file, n, "a '- item' line inside a 'key: value' block");
                if (block.is_null()) block = Json::array();
                std::string v = trim(item.substr(1));
                while (bracketsOpen(v) && i < rawLines.size()) v += " " + trim(stripComment(rawLines[i++].second));
                block.push_back(FlowParser(v, file, n).parseAll());
            } else {
                std::string k, r;
                if (!splitKey(item, k, r)) fail(file, n, "expected '- item' or 'key: value'");
                if (block.is_array()) fail(file, n, "a 'key: value' line inside a '- item' block");
                if (block.is_null()) block = Json::object();
                if (r.empty() && i < rawLines.size() && indentOf(rawLines[i].second) > indentOf(t))
                    fail(file, n, "blocks nested more than one level deep");
                while (bracketsOpen(r) && i < rawLines.size()) r += " " + trim(stripComment(rawLines[i++].second));
                block[k] = FlowParser(r, file, n).parseAll();
            }
        }
        root[key] = block;
    }
    return root;
}

Json parseSimpleYamlFile(const std::filesystem::path& path) { return parseSimpleYaml(readTextFile(path), path.string()); }

}  // namespace sg
