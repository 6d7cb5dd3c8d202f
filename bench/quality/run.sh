#!/bin/sh
# Quality benchmark against Blender Cycles: see bench/quality/README.md. Needs blender and xvfb.
exec /usr/bin/python3 "$(dirname "$0")/run.py" "$@"
