"""Checks examples/kubernetes: every file is valid YAML (PyYAML, Debian's python3-yaml), the shard
job is an Indexed Job whose completions match the shard count synthgen is told, and the merge job
reads the folders the shard pods write."""
import pathlib
import sys

import yaml

folder = pathlib.Path(sys.argv[1])
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


docs = {}
for path in sorted(folder.glob("*.yaml")):
    with open(path) as f:
        for doc in yaml.safe_load_all(f):
            check(isinstance(doc, dict) and "kind" in doc and "apiVersion" in doc, f"{path.name}: not a Kubernetes object")
            docs[doc["metadata"]["name"]] = doc

shards = docs.get("synthgen-shards")
check(shards is not None, "no Job named synthgen-shards")
if shards:
    spec = shards["spec"]
    check(shards["kind"] == "Job" and shards["apiVersion"] == "batch/v1", "synthgen-shards must be a batch/v1 Job")
    check(spec.get("completionMode") == "Indexed", "completionMode must be Indexed")
    check(isinstance(spec.get("completions"), int) and spec["completions"] >= 1, "completions must be a positive integer")
    check(isinstance(spec.get("parallelism"), int) and 1 <= spec["parallelism"] <= spec["completions"], "parallelism must be in [1, completions]")
    pod = spec["template"]["spec"]
    check(pod.get("restartPolicy") in ("Never", "OnFailure"), "a Job's pods need restartPolicy Never or OnFailure")
    c = pod["containers"][0]
    env = {e["name"]: e.get("value") for e in c.get("env", [])}
    check(env.get("SYNTHGEN_SHARD_COUNT") == str(spec["completions"]), "SYNTHGEN_SHARD_COUNT must equal completions")
    args = c["args"]
    check(args[0] == "generate", "the shard pods must run synthgen generate")
    out = args[args.index("--out") + 1]
    check("$(JOB_COMPLETION_INDEX)" in out, "each shard must write its own part folder (use $(JOB_COMPLETION_INDEX) in --out)")

merge = docs.get("synthgen-merge")
check(merge is not None, "no Job named synthgen-merge")
if merge:
    cmd = " ".join(merge["spec"]["template"]["spec"]["containers"][0]["command"])
    check("synthgen merge" in cmd and "/data/run/shards/shard-*" in cmd, "the merge job must merge the shard folders")

for f in failures:
    print("FAIL:", f)
print(f"checked {len(docs)} manifests, {len(failures)} problems")
sys.exit(1 if failures else 0)
