#!/usr/bin/env python3
"""action-run.py ACTION_YML SOURCE_TREE RUNNER_TEMP [NAME=VALUE...]: runs
the run: steps of a composite action in order, in the current folder, as
a GitHub runner would: each in bash -e with its env, ${{ inputs.NAME }},
${{ github.action_path }} and ${{ runner.temp }} substituted (anything
else in ${{ }} is an error here), a step whose if: is false skipped, the
folders a step adds to $GITHUB_PATH on PATH for the steps after it, and
the first failing step ending the run with its status. A step that runs
apt-get is skipped when PMC_SKIP_APT=1 (the test has checked that the
packages are installed)."""
import os
import re
import subprocess
import sys

import yaml

action = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
top, runner_temp = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
assert action["runs"]["using"] == "composite", action["runs"]
inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
for kv in sys.argv[4:]:
    k, v = kv.split("=", 1)
    assert k in inputs, "no input %s in the action" % k
    inputs[k] = v
context = {"github.action_path": top, "runner.temp": runner_temp}


def subst(s):
    def one(m):
        e = m.group(1).strip()
        if e.startswith("inputs."):
            return inputs[e[len("inputs."):]]
        if e in context:
            return context[e]
        raise SystemExit("action-run: cannot evaluate ${{ %s }}" % e)
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(s))


def condition(expr):
    m = re.fullmatch(r"\s*inputs\.([\w-]+)\s*==\s*'([^']*)'\s*", expr)
    if not m:
        raise SystemExit("action-run: cannot evaluate if: %s" % expr)
    return inputs[m.group(1)] == m.group(2)


os.makedirs(runner_temp, exist_ok=True)
path_file = os.path.join(runner_temp, "github_path")
open(path_file, "w").close()
env = dict(os.environ, GITHUB_PATH=path_file, RUNNER_TEMP=runner_temp,
           GITHUB_ACTION_PATH=top)
for step in action["runs"]["steps"]:
    name = step.get("name", step.get("run", "")[:40])
    if "run" not in step:
        raise SystemExit("action-run: step %r is not a run: step" % name)
    if "if" in step and not condition(step["if"]):
        print("action-run: skipped (if: %s): %s" % (step["if"], name))
        continue
    if "apt-get" in step["run"] and os.environ.get("PMC_SKIP_APT") == "1":
        print("action-run: skipped (packages installed): %s" % name)
        continue
    assert step.get("shell") == "bash", "step %r: shell %r" % (name, step.get("shell"))
    senv = dict(env)
    senv.update({k: subst(v) for k, v in step.get("env", {}).items()})
    print("action-run: %s" % name, flush=True)
    # as the runner runs shell: bash
    rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                         subst(step["run"])], env=senv).returncode
    for d in open(path_file).read().split("\n"):
        if d and d not in env["PATH"].split(os.pathsep):
            env["PATH"] = d + os.pathsep + env["PATH"]
    if rc != 0:
        print("action-run: step failed (%d): %s" % (rc, name))
        sys.exit(rc)
