"""The seed files are byte-for-byte copies, and the manifest states only supported facts."""

from __future__ import annotations

import csv
import hashlib
import re

import yaml

from analysis.paths import PROJECT_ROOT, SEED_MANIFEST, SEEDS_DIR

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

SEED_SHA256 = {
    "000_402bb0ddee2a2a46.txt": "38b256394e9730a2850a64abdd8381f668d49e601bd065ebd1b3e343547f4bc6",
    "003_01a4db6abad63367.txt": "ee1165117f38599f5c9d7d372a7d57061281ac7c71cb96992baf28f74cbc7a88",
}


def test_seed_files_are_byte_for_byte_copies():
    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == digest


def test_manifest_columns_and_rows():
    with SEED_MANIFEST.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["id", "file", "outlet", "language", "published", "notes"]
        rows = list(reader)
    assert [r["file"] for r in rows] == sorted(SEED_SHA256)
    assert [r["outlet"] for r in rows] == ["Daily Mail", "unknown"]
    assert [r["published"] for r in rows] == ["", ""]
    assert all(r["language"] == "en" for r in rows)


def test_manifest_notes_are_supported_by_the_texts():
    rows = list(csv.DictReader(SEED_MANIFEST.open(encoding="utf-8")))
    dm_text = (SEEDS_DIR / rows[0]["file"]).read_text(encoding="utf-8")
    ru_text = (SEEDS_DIR / rows[1]["file"]).read_text(encoding="utf-8")
    assert dm_text.rstrip().endswith("Read more at DailyMail.co.uk")
    assert "Read more at DailyMail.co.uk" in rows[0]["notes"]
    assert "Supreme Court of the Russian Federation" in ru_text
    assert "translation" in rows[1]["notes"]
    assert ru_text.count("(@RusEmbUSA) June 27, 2020") == 2
    assert "June 27, 2020" in rows[1]["notes"]


def _requirement_names(requirements: list[str]) -> set[str]:
    """Package names of requirement strings, leaving out ones limited to old Pythons."""
    return {re.split(r"[<>=!~ \[;]", r.strip(), maxsplit=1)[0].lower()
            for r in requirements if "python_version" not in r}


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = _requirement_names(project["project"]["dependencies"])
    extras = project["project"]["optional-dependencies"]
    wanted |= _requirement_names(extras["test"]) | _requirement_names(extras["scale"])
    wanted = (wanted - {"dask"}) | {"dask", "distributed"}  # conda splits dask[distributed]
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = _requirement_names(conda) - {"python", "pip"}
    assert listed == wanted
    assert "-e .[test,scale]" in [p.strip() for p in pip]
    assert "conda-forge" in env["channels"]
