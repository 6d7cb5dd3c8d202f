"""Errors from C++ arrive as Python exceptions with the command line's message (file, JSON path,
fix), never as a crash of the interpreter.

usage: test_errors.py SYNTHGEN_BINARY SCENARIO WORK_DIR
"""

import json
import os
import subprocess
import sys

import synthgen
from support import check


def raises(kind, call):
    try:
        call()
    except kind as e:
        return e
    raise AssertionError(f"expected {kind.__name__}")


def main(binary, scenario, work):
    os.makedirs(work, exist_ok=True)
    bad = json.load(open(scenario))
    bad["groups"][0]["count"] = "many"
    bad["scene"] = os.path.join(os.path.dirname(os.path.abspath(scenario)), bad["scene"])
    bad_file = os.path.join(work, "bad-scenario.json")
    json.dump(bad, open(bad_file, "w"))

    # A file: the message names the file and the JSON path, and equals the CLI's.
    e = raises(synthgen.InputError, lambda: synthgen.Generator(bad_file, frames=3))
    check(isinstance(e, ValueError), "InputError is a ValueError")
    check(bad_file in str(e) and "/groups/0/count" in str(e), f"message lacks file or JSON path: {e}")
    check(e.file == bad_file and e.json_path == "/groups/0/count", f"attributes: {e.file!r} {e.json_path!r}")
    cli = subprocess.run([binary, "generate", bad_file, "--out", os.path.join(work, "never"), "--frames", "3"],
                         capture_output=True, text=True)
    check(cli.returncode == 2 and cli.stderr.strip() == "synthgen generate: " + str(e),
          f"CLI said {cli.stderr.strip()!r}, Python {str(e)!r}")

    # A dict: the same message, naming "<dict>".
    e = raises(synthgen.InputError, lambda: synthgen.Generator(bad, frames=3))
    check(str(e).startswith("<dict>: /groups/0/count: "), f"dict error: {e}")

    # Missing file, broken JSON, bad arguments, a device that does not exist, a frame out of range.
    e = raises(synthgen.InputError, lambda: synthgen.Generator(os.path.join(work, "missing.json")))
    check("missing.json" in str(e), f"missing file: {e}")
    broken = os.path.join(work, "broken.json")
    open(broken, "w").write('{"version": 1, "groups": [')
    e = raises(synthgen.InputError, lambda: synthgen.Generator(broken))
    check("broken.json" in str(e), f"broken JSON: {e}")
    raises(synthgen.InputError, lambda: synthgen.Generator(scenario, frames=0))
    raises(TypeError, lambda: synthgen.Generator(42))
    gen = synthgen.Generator(scenario, frames=3, device="no-such-device-anywhere")
    e = raises(RuntimeError, lambda: gen.frame(0))
    check("no-such-device-anywhere" in str(e), f"device error: {e}")
    gen = synthgen.Generator(scenario, frames=3)
    raises(IndexError, lambda: gen.frame(3))
    raises(IndexError, lambda: gen.frame(-1))
    check(gen.frame(2).rgb.shape == (120, 160, 3), "the generator still works after errors")
    e = raises(synthgen.InputError, lambda: synthgen.load(os.path.join(work, "no-dataset")))
    check("manifest" in str(e), f"load error: {e}")
    print("ok: errors are Python exceptions with the CLI's messages")


if __name__ == "__main__":
    main(*sys.argv[1:4])
