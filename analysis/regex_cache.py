"""Large regular expressions compiled once per machine, not once per process.

The source grammar's patterns (:mod:`analysis.sources.grammar`) take about a second of CPU to
compile, almost all of it in Python's own pattern parser, and every kernel or worker process
that finds sources compiles them again. :func:`compile_patterns` keeps what the parser and
compiler produce (the ``_sre`` program of each pattern) in a file of the user's cache folder and
builds the pattern objects from it in a few milliseconds: the same program, so the same matches.

The file is named after a SHA-256 of every pattern and flag and of the Python version and
``_sre`` format, so a changed lexicon or another interpreter never reads an old program. A
file that is missing, truncated, altered (its SHA-256 is checked) or refused by ``_sre`` is
ignored: the patterns are compiled as usual and the file written again. Outside CPython, or
when the cache folder cannot be written, patterns are compiled as usual.

The folder is ``$FRAMING_CACHE_DIR`` when set (empty: no cache), else
``$XDG_CACHE_HOME/news-framing`` or ``~/.cache/news-framing``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Mapping
from pathlib import Path

FORMAT = 1  # of the cache files; part of their key

try:  # CPython's pattern compiler (3.11+: re._parser and re._compiler; 3.10: sre_parse ...)
    import _sre

    _parser = importlib.import_module("re._parser" if sys.version_info >= (3, 11)
                                      else "sre_parse")
    _compiler = importlib.import_module("re._compiler" if sys.version_info >= (3, 11)
                                        else "sre_compile")
except ImportError:  # pragma: no cover - other implementations
    _sre = None

Source = tuple[str, int]  # a pattern and its flags, as re.compile takes them


def cache_folder() -> Path | None:
    """Where compiled programs are kept (None: nowhere)."""
    chosen = os.environ.get("FRAMING_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "news-framing"


def _usable() -> bool:
    return (sys.implementation.name == "cpython" and _sre is not None
            and array("I").itemsize == getattr(_sre, "CODESIZE", 0))


def compile_patterns(name: str, sources: Mapping[str, Source]) -> dict[str, re.Pattern[str]]:
    """``re.compile`` of each ``(pattern, flags)`` of ``sources``, by the same keys, from the
    cache file ``name`` when it holds exactly these patterns, else compiled and cached."""
    folder = cache_folder()
    if folder is None or not _usable():
        return {key: re.compile(p, f) for key, (p, f) in sources.items()}
    flat = {key: (p, int(f)) for key, (p, f) in sources.items()}
    path = folder / f"{name}-{_key(flat)}.bin"
    loaded = _load(path, flat)
    if loaded is not None:
        return loaded
    try:
        programs = {key: _program(p, f) for key, (p, f) in flat.items()}
        compiled = {key: _build(flat[key][0], program) for key, program in programs.items()}
    except (AttributeError, TypeError, ValueError, RuntimeError):  # another re or _sre
        return {key: re.compile(p, f) for key, (p, f) in sources.items()}
    _store(path, name, programs)
    return compiled


def _key(sources: Mapping[str, Source]) -> str:
    digest = hashlib.sha256(json.dumps(
        [FORMAT, sys.version, sys.implementation.cache_tag, getattr(_sre, "MAGIC", 0),
         getattr(_sre, "CODESIZE", 0), sys.maxunicode, sorted(sources.items())],
        ensure_ascii=True).encode("ascii"))
    return digest.hexdigest()[:24]


def _program(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int]]:
    """What ``re._compiler.compile`` hands to ``_sre.compile``: final flags, program, number
    of groups and group names."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    return (flags | parsed.state.flags, code, parsed.state.groups - 1,
            dict(parsed.state.groupdict))


def _build(pattern: str, program: tuple[int, list[int], int, dict[str, int]]
           ) -> re.Pattern[str]:
    """The pattern object ``re.compile`` would return, from its program (as
    ``re._compiler.compile`` builds it)."""
    flags, code, groups, groupindex = program
    indexgroup: list[str | None] = [None] * (groups + 1)
    for group, number in groupindex.items():
        indexgroup[number] = group
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))


def _load(path: Path, sources: Mapping[str, Source]) -> dict[str, re.Pattern[str]] | None:
    """The patterns from ``path``; None when it is missing or not a good copy."""
    try:
        data = path.read_bytes()
        header, _, body = data.partition(b"\n")
        meta = json.loads(header)
        if meta["sha256"] != hashlib.sha256(body).hexdigest() or set(meta["patterns"]) != set(
                sources):
            return None
        codes = array("I")
        codes.frombytes(body)
        compiled, start = {}, 0
        for key, (flags, length, groups, groupindex) in meta["patterns"].items():
            code = codes[start:start + length].tolist()
            start += length
            compiled[key] = _build(sources[key][0], (flags, code, groups, groupindex))
        return compiled if start == len(codes) else None
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, OverflowError):
        return None


def _store(path: Path, name: str, programs: Mapping[str, tuple]) -> None:
    """Write ``programs`` to ``path`` atomically and remove older files of ``name``; a folder
    that cannot be written is left alone."""
    codes = array("I")
    patterns = {}
    try:
        for key, (flags, code, groups, groupindex) in programs.items():
            codes.extend(code)
            patterns[key] = [flags, len(code), groups, groupindex]
    except OverflowError:  # an _sre with wider code words than this file format
        return
    body = codes.tobytes()
    header = json.dumps({"sha256": hashlib.sha256(body).hexdigest(), "patterns": patterns},
                        ensure_ascii=True).encode("ascii")
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-",
                                         delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(header + b"\n" + body)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{name}-*.bin"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
