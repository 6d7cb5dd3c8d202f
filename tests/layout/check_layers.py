#!/usr/bin/env python3
"""Checks the one-way dependency rule of the source folders (README "Layout"):

    app -> exporters, labels, sensor -> renderer, physics, randomization -> scenes -> core

A folder may include headers of, and link the libraries of, folders in its own tier or below,
never one above. Reads every #include "folder/..." in the folder's .h/.cpp files and every sg_*
target named in its CMakeLists.txt target_link_libraries(...), and prints one line per violation
(file:line, what, and the fix). Exit status 1 when there is any.

Usage: check_layers.py SOURCE_ROOT
"""
import pathlib
import re
import sys

# Lowest tier first; folders in one tier may use each other.
TIERS = [["core"], ["scenes"], ["renderer", "physics", "randomization"], ["sensor", "labels", "exporters"], ["datasets"], ["report"],
         ["app"], ["python"]]
TIER = {folder: i for i, tier in enumerate(TIERS) for folder in tier}
INCLUDE = re.compile(r'^\s*#\s*include\s*["<]([a-z_]+)/[^">]+[">]')
LINK_CALL = re.compile(r"target_link_libraries\s*\(([^)]*)\)", re.S)
ADD_LIBRARY = re.compile(r"add_library\s*\(\s*(sg_\w+)")
TARGET = re.compile(r"\bsg_\w+\b")


def rule_text():
    return " -> ".join(", ".join(t) for t in reversed(TIERS))


def library_folders(root):
    """sg_* library name -> the folder whose CMakeLists.txt defines it."""
    owners = {}
    for folder in TIER:
        cmake = root / folder / "CMakeLists.txt"
        if cmake.exists():
            for name in ADD_LIBRARY.findall(cmake.read_text()):
                owners[name] = folder
    return owners


def include_violations(root, folder):
    for path in sorted((root / folder).rglob("*")):
        if path.suffix not in (".h", ".cpp", ".hpp"):
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if m and TIER.get(m.group(1), -1) > TIER[folder]:
                yield (f"{path.relative_to(root)}:{number}: {folder}/ includes {m.group(1)}/, a folder above it. "
                       f"Fix: move what it needs down to {folder}/ or below (plain data types go to core/).")


def link_violations(root, folder, owners):
    cmake = root / folder / "CMakeLists.txt"
    if not cmake.exists():
        return
    text = cmake.read_text()
    for call in LINK_CALL.finditer(text):
        number = text.count("\n", 0, call.start()) + 1
        for target in TARGET.findall(call.group(1)):
            owner = owners.get(target)
            if owner and TIER[owner] > TIER[folder]:
                yield (f"{cmake.relative_to(root)}:{number}: {folder}/ links {target} ({owner}/), a folder above it. "
                       f"Fix: drop the link and move what it needs down.")


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    missing = [f for f in TIER if not (root / f).is_dir()]
    if missing:
        print(f"{root}: no folder {', '.join(missing)}. Fix: update TIERS in {sys.argv[0]}", file=sys.stderr)
        return 2
    owners = library_folders(root)
    problems = []
    for folder in TIER:
        problems += include_violations(root, folder)
        problems += link_violations(root, folder, owners)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} dependency violation(s) of the rule {rule_text()}")
        return 1
    print(f"dependencies point one way: {rule_text()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
