"""Import time: ``python -X importtime -c "import analysis"`` and ``framing audit``, repeated.

Each run is a fresh interpreter. Prints the median of ``--repeat`` runs of the cumulative import
time of ``analysis`` (from ``-X importtime``) and the wall time of ``framing audit`` on a seed,
and which heavy libraries (pyplot, Dask, nbconvert, papermill, IPython) each one loaded.

    .venv/bin/python benchmarks/bench_import.py --repeat 15
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib.pyplot", "dask", "nbconvert", "papermill", "IPython")
AUDIT = "from analysis.report.cli import main; main(['audit', 'seeds/000_402bb0ddee2a2a46.txt'])"


def import_ms() -> tuple[float, list[str]]:
    """Cumulative import time of ``analysis`` in ms, and the heavy modules it loaded."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import analysis"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    line = next(line for line in done.stderr.splitlines() if re.search(r"\| analysis$", line))
    loaded = sorted({h for h in HEAVY if re.search(rf"\|\s+{re.escape(h)}$", done.stderr, re.M)})
    return int(line.split("|")[1]) / 1000, loaded


def audit_seconds() -> float:
    """Wall time of one ``framing audit`` in a fresh interpreter."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", AUDIT], capture_output=True, cwd=ROOT, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.system()}; {args.repeat} runs each")
    imports = [import_ms() for _ in range(args.repeat)]
    audits = [audit_seconds() for _ in range(args.repeat)]
    print(f"import analysis: median {statistics.median(t for t, _ in imports):.0f} ms "
          f"(min {min(t for t, _ in imports):.0f}); heavy modules loaded: "
          f"{imports[0][1] or 'none'}")
    print(f"framing audit (whole process): median {statistics.median(audits):.2f} s "
          f"(min {min(audits):.2f})")


if __name__ == "__main__":
    main()
