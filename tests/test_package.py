"""The package's floor plan: a small public API, no name shadowing its module, keyword roles,
one return type per family, light imports, and every word list a data file."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis.lexicons import grammar_words, regex, table
from analysis.lexicons.match import compile_lexicon
from analysis.paths import LEXICONS_DIR, PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "analysis"
MODULES = sorted(PACKAGE.rglob("*.py"))
LENSES = ("text", "words", "sources", "entities", "stance", "frames", "actors", "tone", "voice",
          "evidence")
HEAVY = ("matplotlib.pyplot", "dask", "nbconvert", "papermill", "IPython")


def all_modules():
    yield analysis
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        yield importlib.import_module(info.name)


def test_the_public_api_is_small_and_every_name_resolves():
    assert len(analysis.__all__) <= 31  # loading, roles, errors, ten lenses, report namespaces
    assert len(set(analysis.__all__)) == len(analysis.__all__)
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
    for lens in LENSES:
        assert inspect.ismodule(getattr(analysis, lens)), lens


def test_no_public_name_shadows_a_submodule():
    shadowed = []
    for module in all_modules():
        if not hasattr(module, "__path__"):
            continue
        submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
        for name in submodules:
            value = getattr(module, name, None)
            if value is not None and not inspect.ismodule(value):
                shadowed.append(f"{module.__name__}.{name}")
    assert shadowed == []


def test_report_namespaces_load_on_first_use():
    assert analysis.plots is importlib.import_module("analysis.report.plots")
    assert analysis.prose is importlib.import_module("analysis.report.prose")
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = analysis.nonsense


def public_functions():
    for module in all_modules():
        for name, value in vars(module).items():
            if (not name.startswith("_") and inspect.isfunction(value)
                    and value.__module__ == module.__name__):
                yield f"{module.__name__}.{name}", value


def test_roles_is_keyword_only_everywhere():
    about_roles = {"analysis.text.article.check_roles", "analysis.text.article.roles_with_embeds"}
    positional = [name for name, fn in public_functions()
                  if "roles" in inspect.signature(fn).parameters and name not in about_roles
                  and inspect.signature(fn).parameters["roles"].kind
                  is not inspect.Parameter.KEYWORD_ONLY]
    assert positional == []


def test_no_parameter_hides_a_function_of_its_own_module():
    clashes = []
    for name, fn in public_functions():
        module = importlib.import_module(fn.__module__)
        functions = {n for n, v in vars(module).items()
                     if inspect.isfunction(v) and not n.startswith("_")}
        clashes += [f"{name}({p})" for p in inspect.signature(fn).parameters if p in functions]
    assert clashes == []


def test_lenses_read_embedded_posts_themselves():
    gone = [n for n in ("source_roles", "SOURCE_ROLES", "check_source_roles")
            for module in all_modules() if hasattr(module, n)]
    assert gone == []
    for fn in (analysis.sources.attributions, analysis.sources.roster,
               analysis.entities.mentions):
        assert inspect.signature(fn).parameters["embeds"].default is True


def test_functions_named_counts_return_tables(seeds):
    families = {name: fn for name, fn in public_functions()
                if name.rsplit(".", 1)[1].endswith("counts")}
    assert sorted(n.rsplit(".", 1)[1] for n in families) == [
        "counts", "cue_class_counts", "kind_counts", "named_counts"]
    for name, fn in families.items():
        assert isinstance(fn(seeds), pd.DataFrame), name


def test_no_module_imports_another_modules_private_names():
    offenders = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                offenders += [f"{path.name}: {a.name}" for a in node.names
                              if a.name.startswith("_")]
    assert offenders == []


def test_modules_stay_small():
    lines = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in MODULES}
    assert {name: n for name, n in lines.items() if n > 500} == {}


@pytest.mark.parametrize("statement", [
    "import analysis",
    "from analysis.report.cli import main; main(['audit', 'seeds/000_402bb0ddee2a2a46.txt'])",
])
def test_imports_stay_light(statement):
    code = "\n".join([
        "import contextlib, io, json, sys",
        "with contextlib.redirect_stdout(io.StringIO()):",
        f"    {statement}",
        f"heavy = [m for m in sys.modules for h in {HEAVY!r} if m == h or m.startswith(h + '.')]",
        "print(json.dumps(sorted(heavy)))",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, check=True)
    assert json.loads(done.stdout) == []


def test_every_data_file_has_a_provenance_header():
    for path in sorted(LEXICONS_DIR.glob("*.t*")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), path.name


def test_every_grammar_list_is_used_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in MODULES)
    names = [row["list"] for row in table("grammar.tsv")]
    assert len(names) == len(set(names))
    unused = [n for n in names if f'"{n}"' not in code and f"'{n}'" not in code]
    assert unused == []
    assert grammar_words("determiners")[:3] == ("the", "an", "a")


def test_word_lists_live_in_data_files_not_in_code():
    """No module spells out a closed-class list that grammar.tsv holds (months, auxiliaries,
    determiners, connectors): the lists that drifted apart when they lived in code twice."""
    code = {p.name: p.read_text(encoding="utf-8") for p in MODULES}
    patterns = [r"January\|February", r"\bhas\|have\|had\b", r"\bthese\|those\b",
                r"\bdel\|der\b", r'\{"St\.", "Jr\."']
    found = [(name, pat) for name, text in code.items() for pat in patterns
             if re.search(pat, text)]
    assert found == []


def test_bad_rows_in_data_files_name_the_file_and_the_line(tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("# where this came from\npattern\treason\nfine\tok\n\n# note\n(\tbad\n",
                     encoding="utf-8")
    with pytest.raises(analysis.LexiconError, match=r"rules\.tsv, line 6: '\(' is not a valid "
                                                    r"regular expression"):
        regex(str(rules), 1, table(str(rules))[1]["pattern"])
    words = tmp_path / "words.tsv"
    words.write_text("# made up\npattern\tcategory\nsaid\treporting\n\tempty\n",
                     encoding="utf-8")
    with pytest.raises(analysis.LexiconError, match=r"words\.tsv, line 4: empty pattern"):
        compile_lexicon(str(words), ["category"])
    with pytest.raises(analysis.LexiconError, match=r"words\.tsv: missing column\(s\) \['x'\]"):
        table(str(words), ("pattern", "x"))
    with pytest.raises(analysis.LexiconError, match="grammar.tsv: no list named 'nope'"):
        grammar_words("nope")


def test_errors_have_one_root_and_sibling_families():
    from analysis import errors

    families = (errors.ArticleError, errors.ManifestError, errors.LexiconError,
                errors.AnalysisInputError, errors.NotebookError)
    for family in families:
        assert issubclass(family, errors.AnalysisError)
        assert [f for f in families if f is not family and issubclass(family, f)] == []
    assert errors.NotebookError.exit_code == 1 and errors.ManifestError.exit_code == 2


def test_readme_layout_lists_every_module():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    listed, stack = set(), []
    for line in block.splitlines():
        match = re.match(r"^( *)(\w+/|\w+\.py)(?:\s|$)", line)
        if match:
            stack = stack[:len(match.group(1)) // 2] + [match.group(2).rstrip("/")]
            if stack[-1].endswith(".py"):
                listed.add("/".join(stack))
    actual = {p.relative_to(PROJECT_ROOT).as_posix() for p in MODULES
              if p.name != "__init__.py"}
    assert {p for p in listed if p.startswith("analysis/")} == actual
