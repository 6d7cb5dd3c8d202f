#pragma once
// Small text helpers shared by every folder.
#include <string>

namespace sg {

// ASCII letters lowered, every other byte unchanged (file extensions, names compared without case;
// no locale, so the result is the same on every machine).
inline std::string asciiLower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

}  // namespace sg
