#!/usr/bin/env python3
"""run-action.py: runs a composite GitHub Action's steps locally, the way a runner would.

    run-action.py ACTION_DIR [--input NAME=VALUE]... [--outputs FILE]

Contract (what tests/cli/cli_ci_integrations.sh relies on):
- Reads ACTION_DIR/action.yml; inputs take their defaults unless given with --input; a required
  input without a value is an error (exit 2), as GitHub reports it.
- Each step's `if:` and every `${{ ... }}` in a step's name, env and with are evaluated over the
  contexts inputs, steps.ID.outputs.NAME, steps.ID.outcome, runner.temp/os/arch,
  github.action_path and env. The evaluator knows string literals, true/false, ==, !=, &&, ||,
  ! and parentheses; anything else raises, so a construct this file does not emulate fails the
  test instead of being guessed. A missing value is '' (GitHub's null compares equal to '').
- A `run:` step runs as GitHub runs `shell: bash`: bash --noprofile --norc -eo pipefail FILE, in
  the current directory, with the process environment, the step's env, GITHUB_OUTPUT,
  GITHUB_STEP_SUMMARY (kept in RUNNER_TEMP/summary.md), GITHUB_ACTION_PATH and RUNNER_TEMP.
  Outputs written as NAME=VALUE or NAME<<DELIMITER lines become steps.ID.outputs.
- A `uses:` step cannot run here: it is printed as not run, with no outputs (so cache-hit is '').
- runner.temp is a new folder under $TMPDIR, left in place for the caller to read.
- The first step that fails ends the run, as in a composite action; the exit code is its exit
  code, else 0. With --outputs, the action's outputs are written there as JSON.
- Each step prints one line `step: NAME: ran|skipped|not run (uses: X)|failed (N)` on stderr.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_.-]*))")


def tokens(expr):
    pos = 0
    out = []
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        m = TOKEN.match(expr, pos)
        if not m:
            raise ValueError(f"expression not emulated: {expr!r} at {pos}")
        out.append(m)
        pos = m.end()
    return out


def evaluate(expr, ctx):
    """Evaluates one expression (without ${{ }}) over ctx; see the contract for the grammar."""
    toks = tokens(expr)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def is_op(tok, op):
        return tok is not None and tok.group("op") == op

    def primary():
        tok = take()
        if is_op(tok, "!"):
            return not truthy(primary())
        if is_op(tok, "("):
            value = disjunction()
            if not is_op(take() if peek() else None, ")"):
                raise ValueError(f"expression not emulated: {expr!r}")
            return value
        if tok.group("str") is not None:
            return tok.group("str")[1:-1].replace("''", "'")
        name = tok.group("name")
        if name is None:
            raise ValueError(f"expression not emulated: {expr!r}")
        if name in ("true", "false"):
            return name == "true"
        value = ctx
        for part in name.split("."):
            if part not in ctx and value is ctx:
                raise ValueError(f"context not emulated: {name!r}")
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value

    def comparison():
        left = primary()
        tok = peek()
        if is_op(tok, "==") or is_op(tok, "!="):
            take()
            right = primary()
            equal = str(left).lower() == str(right).lower()  # GitHub compares strings ignoring case
            return equal if tok.group("op") == "==" else not equal
        return left

    def chain(op, operand):
        """a && b keeps a falsy a, else b; a || b keeps a truthy a, else b (GitHub's rules)."""
        value = operand()
        while is_op(peek(), op):
            take()
            right = operand()
            value = value if truthy(value) == (op == "||") else right
        return value

    def disjunction():
        return chain("||", lambda: chain("&&", comparison))

    result = disjunction()
    if peek() is not None:
        raise ValueError(f"expression not emulated: {expr!r}")
    return result


def truthy(value):
    return value not in ("", False, None, 0)


def substitute(text, ctx):
    def one(m):
        value = evaluate(m.group(1), ctx)
        return "true" if value is True else "false" if value is False else str(value)
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def read_outputs(path):
    outputs = {}
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while i < len(lines) and lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    action_dir = os.path.abspath(args.pop(0))
    given = {}
    outputs_file = None
    while args:
        flag = args.pop(0)
        if flag == "--input" and args:
            name, value = args.pop(0).split("=", 1)
            given[name] = value
        elif flag == "--outputs" and args:
            outputs_file = args.pop(0)
        else:
            print(f"run-action.py: bad argument {flag!r}", file=sys.stderr)
            return 2
    action = yaml.safe_load(open(os.path.join(action_dir, "action.yml"), encoding="utf-8"))
    inputs = {}
    for name, spec in action.get("inputs", {}).items():
        inputs[name] = given.pop(name, str(spec.get("default", "")))
        if spec.get("required") and inputs[name] == "":
            print(f"run-action.py: input required and not supplied: {name}", file=sys.stderr)
            return 2
    if given:
        print(f"run-action.py: unexpected inputs {sorted(given)}", file=sys.stderr)
        return 2

    temp = tempfile.mkdtemp(prefix="run-action.")
    summary = os.path.join(temp, "summary.md")
    open(summary, "w").close()
    ctx = {
        "inputs": inputs,
        "steps": {},
        "runner": {"temp": temp, "os": "Linux", "arch": "X64"},
        "github": {"action_path": action_dir},
        "env": dict(os.environ),
    }
    rc = 0
    for index, step in enumerate(action["runs"]["steps"]):
        name = substitute(step.get("name", f"step {index}"), ctx)
        step_id = step.get("id", f"__{index}")
        ctx["steps"][step_id] = {"outputs": {}, "outcome": "skipped"}
        if "if" in step and not truthy(evaluate(str(step["if"]).strip(), ctx)):
            print(f"step: {name}: skipped", file=sys.stderr)
            continue
        if "uses" in step:
            for value in step.get("with", {}).values():
                substitute(value, ctx)  # evaluated, so that a bad expression still fails
            print(f"step: {name}: not run (uses: {step['uses']})", file=sys.stderr)
            continue
        if step.get("shell") != "bash":
            print(f"run-action.py: step {name!r}: only shell: bash is emulated", file=sys.stderr)
            return 2
        env = dict(os.environ)
        env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        output = os.path.join(temp, f"output.{index}")
        open(output, "w").close()
        script = os.path.join(temp, f"step.{index}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(substitute(step["run"], ctx))
        env.update({"GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
                    "GITHUB_ACTION_PATH": action_dir, "RUNNER_TEMP": temp})
        code = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                               env=env)
        ctx["steps"][step_id] = {"outputs": read_outputs(output),
                                 "outcome": "success" if code == 0 else "failure"}
        if code != 0:
            print(f"step: {name}: failed ({code})", file=sys.stderr)
            rc = code
            break
        print(f"step: {name}: ran", file=sys.stderr)
    if outputs_file:
        result = {k: substitute(v["value"], ctx) for k, v in action.get("outputs", {}).items()}
        result["__summary"] = open(summary, encoding="utf-8").read()
        with open(outputs_file, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
    return rc


if __name__ == "__main__":
    sys.exit(main())
