"""Run a block marked env="name" in the interpreter of .cache/envs/name and bring its Result back.

Some frameworks pin packages that clash with the main environment (PaddlePaddle pins
opt-einsum 3.3.0), so `make envs` gives each one its own venv from
requirements-<name>.txt. The block runs there through the same `run_python` as every
other block: same #> comparison, time limit, socket ban and scratch directory.
This module imports only the standard library, so the child can load it without pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ENVS = Path(".cache") / "envs"


def interpreter(root: Path, name: str) -> Path:
    return root / ENVS / name / "bin" / "python"


def run_in_env(name: str, lines: list, *, raises: str | None, seconds: float, root: Path, head: str):
    """Run ``lines`` in environment ``name``; return an execute.Result, or a problem when the env is missing."""
    from .execute import Edit, Result

    python = interpreter(root, name)
    if not python.exists():
        return Result(
            problems=[
                f'{head}: the block needs the environment "{name}", but {python.relative_to(root)} does not exist; '
                f"run make envs (it installs requirements-{name}.txt; add that file for a new environment)"
            ]
        )
    request = {
        "lines": [[ln.text, str(ln.path), ln.lineno] for ln in lines],
        "raises": raises,
        "seconds": seconds,
        "root": str(root),
    }
    with tempfile.TemporaryDirectory(prefix="docs-env-") as tmp:
        answer = Path(tmp) / "result.json"
        proc = subprocess.run(
            [str(python), __file__, str(answer)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            cwd=tmp,
        )
        if proc.returncode or not answer.exists():
            return Result(problems=[f'{head}: the "{name}" environment could not run the block:\n{proc.stderr[-2000:]}'])
        data = json.loads(answer.read_text(encoding="utf-8"))
    edits = [Edit(Path(e["path"]), e["start"], e["end"], e["lines"]) for e in data.pop("edits")]
    return Result(edits=edits, **data)


def _child(answer: str) -> None:
    here = Path(__file__).resolve().parent
    package = types.ModuleType("docs_harness")  # the package without its pytest-plugin __init__
    package.__path__ = [str(here)]
    sys.modules["docs_harness"] = package
    from docs_harness.execute import run_python
    from docs_harness.markdown import Line

    request = json.loads(sys.stdin.read())
    lines = [Line(text, Path(path), lineno) for text, path, lineno in request["lines"]]
    namespace = types.ModuleType("__main__").__dict__
    namespace["__file__"] = str(lines[0].path) if lines else None  # the page or snippet, as in the main process
    result = run_python(lines, namespace, raises=request["raises"], seconds=request["seconds"], root=Path(request["root"]))
    data = {
        "problems": result.problems,
        "output_problems": result.output_problems,
        "printed": result.printed,
        "checks": result.checks,
        "edits": [{"path": str(e.path), "start": e.start, "end": e.end, "lines": e.lines} for e in result.edits],
    }
    Path(answer).write_text(json.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    _child(sys.argv[1])
