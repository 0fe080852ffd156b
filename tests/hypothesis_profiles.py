"""Hypothesis profiles for the property tests, and the example count each test runs under them.

``repeatable`` (the default, and CI's) draws the same examples on every run with each test's
base count; ``explore`` (``HYPOTHESIS_PROFILE=explore``) draws fresh random examples, ten
times as many and at least 2,000 per test. A property test states its base count with
``@examples(n)`` instead of pinning ``max_examples``, so the profile decides how wide it
searches.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
EXPLORE_FACTOR = 10
EXPLORE_MINIMUM = 2000

settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=EXPLORE_MINIMUM, deadline=None)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "repeatable"))


def example_count(base: int, profile: str | None = None) -> int:
    """The examples a test with ``base`` examples runs under ``profile`` (default: the active
    one): ``base`` when repeatable, ``max(10 * base, 2000)`` when exploring."""
    profile = profile or os.environ.get(PROFILE_VARIABLE, "repeatable")
    return max(EXPLORE_FACTOR * base, EXPLORE_MINIMUM) if profile == "explore" else base


def examples(base: int) -> settings:
    """Settings for a property test: ``base`` examples under the repeatable profile, scaled
    by the active profile (see ``example_count``), no deadline."""
    return settings(max_examples=example_count(base), deadline=None)
