"""The validated notebook suite against its import-only floor, measured in one run.

The floor is six throwaway notebooks, one per story notebook, each holding a single cell with
every ``import`` statement of its story notebook (nothing else). Both sets run under nbval the
way ``make test`` runs it (``pyproject.toml``'s ``addopts``: ``--nbval --nbval-current-env
--nbval-sanitize-with tests/nbval_sanitize.cfg``), one pytest process per set, with this
checkout first on ``PYTHONPATH``. Runs alternate floor and suite ``--repeat`` times; the
medians, the ratio and each notebook's share of the suite (from pytest's ``--durations``) are
printed.

    .venv/bin/python benchmarks/bench_suite.py --repeat 3
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
_DURATION = re.compile(r"^\s*([\d.]+)s\s+(?:setup|call|teardown)\s+(\S+?\.ipynb)::", re.M)


def import_statements(notebook: Path) -> str:
    """Every ``import`` and ``from ... import`` statement of a notebook's code cells, in order."""
    node = nbformat.read(notebook, as_version=4)
    lines: list[str] = []
    for cell in node.cells:
        if cell.cell_type != "code":
            continue
        for statement in ast.parse(cell.source).body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(statement))
    return "\n".join(dict.fromkeys(lines))


def floor_notebooks(folder: Path) -> list[Path]:
    """Write one import-only notebook per story notebook into ``folder``; return their paths."""
    written = []
    for notebook in NOTEBOOKS:
        node = nbformat.v4.new_notebook()
        node.cells = [nbformat.v4.new_code_cell(import_statements(notebook))]
        node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
        path = folder / f"floor_{notebook.name}"
        nbformat.write(node, path)
        written.append(path)
    return written


def run_nbval(paths: list[Path]) -> tuple[float, float, dict[str, float]]:
    """Wall seconds of one pytest process running nbval over ``paths``, the CPU seconds of it
    and its kernels (user and system), and the seconds pytest reports per notebook (setup,
    calls and teardown of its cells)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])])}
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
               "--rootdir", str(ROOT), "-q", "--durations=0", "--durations-min=0",
               *map(str, paths)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"nbval failed on {[p.name for p in paths]}:\n{done.stdout[-3000:]}")
    per_notebook: dict[str, float] = defaultdict(float)
    for value, path in _DURATION.findall(done.stdout):
        per_notebook[Path(path).name] += float(value)
    return seconds, cpu, dict(per_notebook)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs of each set")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}; load average "
          f"{os.getloadavg()[0]:.2f}")
    floors, suites, cpus, shares = [], [], [], defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as tmp:
        floor = floor_notebooks(Path(tmp))
        for run in range(1, args.repeat + 1):
            floor_s, floor_cpu, _ = run_nbval(floor)
            suite_s, suite_cpu, per_notebook = run_nbval(NOTEBOOKS)
            floors.append(floor_s)
            suites.append(suite_s)
            cpus.append((floor_cpu, suite_cpu))
            for name, seconds in per_notebook.items():
                shares[name].append(seconds)
            print(f"run {run}: import-only floor {floor_s:.1f} s, suite {suite_s:.1f} s, "
                  f"ratio {suite_s / floor_s:.2f}; CPU {floor_cpu:.1f} s and {suite_cpu:.1f} s, "
                  f"ratio {suite_cpu / floor_cpu:.2f} (load average now "
                  f"{os.getloadavg()[0]:.2f})", flush=True)
    for name in sorted(shares):
        print(f"  {name}: {statistics.median(shares[name]):.1f} s (pytest durations)")
    floor_m, suite_m = statistics.median(floors), statistics.median(suites)
    print(f"median of {args.repeat}: import-only floor {floor_m:.1f} s, nbval suite "
          f"{suite_m:.1f} s, ratio {suite_m / floor_m:.2f} (target: at most 2)")


if __name__ == "__main__":
    main()
