#pragma once
// A reader for the small part of YAML that dataset description files (Ultralytics data.yaml)
// use, into JSON values:
//   - comments (# to the end of the line, outside quotes) and blank lines;
//   - top-level `key: value` lines, value a scalar (plain, 'single' or "double" quoted), a flow
//     list `[a, 'b', 3]` or flow map `{0: a, 1: b}` (may span lines until the bracket closes);
//   - a key with nothing after the colon followed by an indented block: a list (`- item` lines)
//     or a map (`key: scalar` / `key: [flow]` lines);
//   - block scalars `|` / `>` (kept as text; Ultralytics' `download:` scripts).
// Plain scalars that read as whole numbers or decimals become numbers, `true`/`false` booleans,
// `null`/`~`/empty null. Anything else (anchors, nested blocks deeper than one level, multi-
// document files) is an InputError naming the line and this subset.
#include "core/JsonReader.h"

#include <filesystem>
#include <string>

namespace sg {

Json parseSimpleYaml(const std::string& text, const std::string& fileNameForMessages);
Json parseSimpleYamlFile(const std::filesystem::path& path);

}  // namespace sg
