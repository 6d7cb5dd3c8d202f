#include "datasets/SimpleXml.h"

#include "core/AtomicFile.h"
#include "core/InputError.h"

#include <cctype>

namespace sg {

const XmlElement* XmlElement::child(const std::string& childName) const {
    for (const auto& c : children)
        if (c.name == childName) return &c;
    return nullptr;
}

std::string XmlElement::childText(const std::string& childName, const std::string& fallback) const {
    const XmlElement* c = child(childName);
    return c ? c->text : fallback;
}

std::string xmlEscape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '&') o += "&amp;";
        else if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}

namespace {

class XmlParser {
public:
    XmlParser(const std::string& s, const std::string& file) : s_(s), file_(file) {}

    XmlElement document() {
        skipMisc();
        if (!at("<")) fail("the file does not start with an XML element");
        XmlElement root = element();
        skipMisc();
        if (p_ != s_.size()) fail("text after the root element </" + root.name + ">");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        int line = 1;
        for (size_t i = 0; i < p_ && i < s_.size(); ++i) line += s_[i] == '\n';
        throw InputError(file_, "line " + std::to_string(line), "not well-formed XML: " + problem,
                         "correct the XML there (an unclosed or misspelled tag is the usual cause)");
    }
    bool at(const char* t) const { return s_.compare(p_, std::char_traits<char>::length(t), t) == 0; }
    int lineHere() const {
        int line = 1;
        for (size_t i = 0; i < p_; ++i) line += s_[i] == '\n';
        return line;
    }
    void skipPast(const char* end) {
        size_t q = s_.find(end, p_);
        if (q == std::string::npos) fail(std::string("missing '") + end + "'");
        p_ = q + std::char_traits<char>::length(end);
    }
    // Whitespace, declarations, comments and DOCTYPE between elements.
    void skipMisc() {
        while (true) {
            while (p_ < s_.size() && std::isspace((unsigned char)s_[p_])) ++p_;
            if (at("<?")) skipPast("?>");
            else if (at("<!--")) skipPast("-->");
            else if (at("<!DOCTYPE")) skipPast(">");
            else return;
        }
    }
    std::string name() {
        size_t start = p_;
        while (p_ < s_.size() &&
               (std::isalnum((unsigned char)s_[p_]) || s_[p_] == '_' || s_[p_] == '-' || s_[p_] == ':' || s_[p_] == '.'))
            ++p_;
        if (p_ == start) fail("expected a tag name");
        return s_.substr(start, p_ - start);
    }
    void appendEntity(std::string& out) {
        size_t semi = s_.find(';', p_);
        if (semi == std::string::npos || semi - p_ > 10) fail("a '&' that starts no entity (write &amp;)");
        std::string e = s_.substr(p_ + 1, semi - p_ - 1);
        p_ = semi + 1;
        if (e == "lt") out += '<';
        else if (e == "gt") out += '>';
        else if (e == "amp") out += '&';
        else if (e == "quot") out += '"';
        else if (e == "apos") out += '\'';
        else if (!e.empty() && e[0] == '#') {
            unsigned long cp = e.size() > 1 && (e[1] == 'x' || e[1] == 'X') ? std::stoul(e.substr(2), nullptr, 16)
                                                                            : std::stoul(e.substr(1));
            if (cp < 0x80) out += char(cp);
            else if (cp < 0x800) out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
            else if (cp < 0x10000)
                out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
            else
                out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)), out += char(0x80 | ((cp >> 6) & 0x3F)),
                    out += char(0x80 | (cp & 0x3F));
        } else fail("unknown entity &" + e + ";");
    }
    XmlElement element() {
        XmlElement e;
        e.line = lineHere();
        ++p_;  // '<'
        e.name = name();
        // Attributes: read past, quotes respected.
        while (p_ < s_.size() && s_[p_] != '>' && !at("/>")) {
            if (s_[p_] == '"' || s_[p_] == '\'') {
                size_t q = s_.find(s_[p_], p_ + 1);
                if (q == std::string::npos) fail("an attribute value is not closed");
                p_ = q;
            }
            ++p_;
        }
        if (p_ >= s_.size()) fail("<" + e.name + " is not closed");
        if (at("/>")) {
            p_ += 2;
            return e;
        }
        ++p_;
        std::string text;
        while (true) {
            if (p_ >= s_.size()) fail("<" + e.name + "> (line " + std::to_string(e.line) + ") has no closing tag");
            if (at("</")) {
                p_ += 2;
                std::string closing = name();
                if (closing != e.name) fail("</" + closing + "> closes <" + e.name + "> (line " + std::to_string(e.line) + ")");
                while (p_ < s_.size() && std::isspace((unsigned char)s_[p_])) ++p_;
                if (!at(">")) fail("expected '>' after </" + closing);
                ++p_;
                break;
            }
            if (at("<!--")) skipPast("-->");
            else if (at("<![CDATA[")) {
                size_t start = p_ + 9;
                skipPast("]]>");
                text += s_.substr(start, p_ - 3 - start);
            } else if (at("<?")) skipPast("?>");
            else if (s_[p_] == '<') e.children.push_back(element());
            else if (s_[p_] == '&') appendEntity(text);
            else text += s_[p_++];
        }
        size_t a = 0, b = text.size();
        while (a < b && std::isspace((unsigned char)text[a])) ++a;
        while (b > a && std::isspace((unsigned char)text[b - 1])) --b;
        e.text = text.substr(a, b - a);
        return e;
    }

    const std::string& s_;
    const std::string& file_;
    size_t p_ = 0;
};

}  // namespace

XmlElement parseXml(const std::string& text, const std::string& file) { return XmlParser(text, file).document(); }

XmlElement parseXmlFile(const std::filesystem::path& path) { return parseXml(readTextFile(path), path.string()); }

}  // namespace sg
