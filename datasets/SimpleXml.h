#pragma once
// A reader for the XML that Pascal VOC annotation files use: nested elements with text, the
// `<?xml ...?>` declaration, comments, DOCTYPE, CDATA and the five predefined entities plus
// numeric character references. Attributes are read past and ignored (VOC has none that carry
// labels). A file that is not well-formed is an InputError naming the line.
#include <filesystem>
#include <string>
#include <vector>

namespace sg {

struct XmlElement {
    std::string name;
    std::string text;  // concatenated character data directly inside this element, trimmed
    int line = 0;
    std::vector<XmlElement> children;

    const XmlElement* child(const std::string& childName) const;
    std::string childText(const std::string& childName, const std::string& fallback = "") const;
};

XmlElement parseXml(const std::string& text, const std::string& fileNameForMessages);
XmlElement parseXmlFile(const std::filesystem::path& path);
// Escapes &, <, >, " for element text.
std::string xmlEscape(const std::string& s);

}  // namespace sg
