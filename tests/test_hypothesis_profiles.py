"""Property tests search as wide as the Hypothesis profile says (issue 14): ``explore`` runs
ten times each test's examples (at least 2,000), ``repeatable`` each test's base count."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis_profiles import EXPLORE_MINIMUM, example_count

TESTS = Path(__file__).parent


@pytest.mark.parametrize(("base", "repeatable", "explore"), [
    (60, 60, 2000), (150, 150, 2000), (200, 200, 2000), (300, 300, 3000)])
def test_example_count_follows_the_profile(base, repeatable, explore):
    assert example_count(base, "repeatable") == repeatable
    assert example_count(base, "explore") == explore


def test_no_property_test_pins_its_example_count():
    pinned, unscaled = [], []
    for path in sorted(TESTS.rglob("test_*.py")):
        if path.name == Path(__file__).name:  # this file quotes both on purpose
            continue
        source = path.read_text(encoding="utf-8")
        pinned += [path.name] * len(re.findall(r"max_examples\s*=", source))
        if source.count("@given(") != source.count("@examples("):
            unscaled.append(path.name)
    assert pinned == [] and unscaled == []
    assert "max_examples=example_count(" in (TESTS / "hypothesis_profiles.py").read_text()


PROBE = """
from hypothesis import given, strategies as st
from hypothesis_profiles import examples

calls = []


@examples(7)
@given(st.integers())
def probe(number):
    calls.append(number)


probe()
print(f"probe ran {len(calls)} examples")
"""


@pytest.mark.parametrize(("profile", "expected"), [("repeatable", 7),
                                                    ("explore", EXPLORE_MINIMUM)])
def test_explore_really_runs_more_examples(tmp_path, profile, expected):
    environment = {**os.environ, "HYPOTHESIS_PROFILE": profile,
                   "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", PROBE], env=environment, cwd=tmp_path,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"probe ran {expected} examples"
