"""The ``framing`` command: ``audit FILE``, ``compare A.txt B.txt``, ``report`` and
``notebooks``.

Only ``audit`` runs in this process's imports alone; the others import the executor when
they run, so ``framing audit`` starts without pyplot, Dask or nbconvert.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..errors import AnalysisError, AnalysisInputError
from ..paths import REPORTS_DIR, display_path
from ..text.audit import ONE_BLOCK
from ..text.reading import MAX_ARTICLE_BYTES, load_article

INPUT_ERROR = 2  # bad input: a file, folder or option the command cannot use
INTERNAL_ERROR = 3  # a bug: an error the package did not raise on purpose
# what an article may hold that a terminal would obey rather than show: C0 and C1 controls
# (escape sequences, carriage returns, bells), DEL, bidirectional overrides and isolates, and
# the line and paragraph separators
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``,
    ``\\u202e``), so printing an article's words cannot move the cursor, recolour or
    reorder the terminal."""
    return _UNSAFE.sub(lambda m: (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                  else f"\\u{ord(m.group()):04x}"), str(text))


def _audit(args: argparse.Namespace) -> int:
    article = load_article(args.file, encoding=args.encoding, max_bytes=args.max_bytes)
    table = article.audit()
    print(f"{terminal_safe(args.file)}: {len(article.raw):,} characters, "
          f"{len(article.paragraphs)} paragraphs, encoding {article.encoding}")
    print(f"headline: {terminal_safe(article.headline or '(none found)')}")
    if article.dateline:
        print(f"dateline: {terminal_safe(article.dateline)}")
    if article.one_block:
        print(f"layout: {ONE_BLOCK}")
    print(format_audit(table, offsets=args.offsets))
    gaps = article.unaccounted()
    print("every character is accounted for" if not gaps else f"UNACCOUNTED spans: {gaps}")
    return 0 if not gaps else 1


def format_audit(table: pd.DataFrame, *, offsets: bool = False) -> str:
    """The audit as a left-aligned text table: one line per paragraph, control characters
    shown as escapes (see ``terminal_safe``)."""
    columns = ["paragraph", "role", "status", "first_words", "reason"]
    if offsets:
        columns[1:1] = ["start", "end"]
    rows = [[str(v) for v in columns]] + [[terminal_safe(row[c]) for c in columns]
                                          for _, row in table.iterrows()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(columns) - 1)]
    return "\n".join("  ".join([*(cell.ljust(w) for cell, w in zip(r, widths, strict=False)),
                                r[-1]]).rstrip() for r in rows)


def _report(args: argparse.Namespace) -> int:
    from .build import build_reports

    parameters = {"MAX_BYTES": args.max_bytes} if args.max_bytes is not None else None
    build_reports(Path(args.out).expanduser().resolve(), parameters, force=args.force)
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .execute import execute_in_place
    from .notebooks import find_notebooks

    chosen = find_notebooks(args.notebook)
    for number, notebook in enumerate(chosen, start=1):
        print(f"[{number}/{len(chosen)}] {display_path(notebook)}: executing in place ...",
              flush=True)
        execute_in_place(notebook)
    return 0


def _polnear_header(split: str, results: dict) -> str:
    """"PolNeAR dev: 84 articles (3 skipped: ...)", the first line of an evaluation."""
    skipped = "; ".join(f"{name}: {why}" for name, why in results["skipped"])
    return (f"PolNeAR {split}: {results['articles']} articles"
            + (f" ({len(results['skipped'])} skipped: {skipped})" if skipped else ""))


def _evaluate_sources(args: argparse.Namespace) -> int:
    import json

    from ..sources.scoring import evaluate_polnear, evaluate_pronouns, evaluation_table

    results = evaluate_polnear(args.path, split=args.split)
    if args.pronouns:
        pronouns = evaluate_pronouns(args.path, args.pronouns, split=args.split)
        results["pronouns"] = {k: v for k, v in pronouns.items() if k != "wrong"}
    print(_polnear_header(args.split, results))
    print(evaluation_table(results).to_string(index=False))
    for key, title in (("missed_cues", "cues of attributions whose source was missed"),
                       ("missed_source_forms", "kinds of source phrase missed"),
                       ("wrong_row_cues", "cues of rows whose source is not annotated")):
        print(f"{title}: " + ", ".join(f"{k} ({n})" for k, n in results[key]))
    if "pronouns" in results:
        p = results["pronouns"]
        print(f"pronoun sources of {display_path(Path(args.pronouns))}: {p['found']} of "
              f"{p['pronouns']} found, {p['unresolved']} unresolved ({p['unresolved_share']}), "
              f"accuracy {p['accuracy']} of the resolved")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
        print(f"wrote {display_path(Path(args.out))}")
    return 0


def _evaluate_cleaning(args: argparse.Namespace) -> int:
    from ..corpora.cleaning import evaluate_cleaning

    results = evaluate_cleaning(args.path, split=args.split)
    print(f"{_polnear_header(args.split, results)}; analysed roles: "
          f"{', '.join(results['roles'])}")
    print(pd.DataFrame(results["outlets"]).to_string(index=False))
    print("annotated characters outside them, by role: "
          + (", ".join(f"{role} ({n})" for role, n in results["by_role"]) or "none"))
    for example in results["examples"]:
        print(f"  {example['document']} paragraph {example['paragraph']} ({example['role']}): "
              f"{example['characters']} characters")
    return 0


def _evaluate_loaded(args: argparse.Namespace) -> int:
    import json

    from ..corpora.basil import evaluate_loaded

    years = _years(args.years)
    runs = [("every row", evaluate_loaded(args.path, years)),
            ("general rows only", evaluate_loaded(args.path, years, origins=("general",)))]
    first = runs[0][1]
    print(f"BASIL {first['years'][0]}-{first['years'][1]}: {first['articles']} articles, "
          f"{first['spans']} lexical-bias spans outside quotations "
          f"({first['unplaced']} annotation(s) not placed in the text)")
    for name, results in runs:
        print(f"{name}: recall {results['recall']} ({results['spans_found']} of "
              f"{results['spans']} spans), precision {results['precision']} "
              f"({results['markers_in_spans']} of {results['markers']} markers)")
    table = pd.DataFrame([{"group": f"{kind[3:]}: {key}", **slot}
                          for kind in ("by_category", "by_outlet", "by_origin")
                          for key, slot in first[kind].items()])
    print(table.to_string(index=False))
    if args.out:
        Path(args.out).write_text(json.dumps(dict(runs), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {display_path(Path(args.out))}")
    return 0


def _check_pairs(args: argparse.Namespace) -> int:
    from ..corpora.basil import OUTLETS, pairs
    from .differences import differences

    outlets = tuple(o.strip().lower() for o in args.outlets.split(","))
    if len(outlets) != 2 or not set(outlets) <= set(OUTLETS):
        raise AnalysisInputError(f"--outlets must name two of {sorted(OUTLETS)}, such as "
                                 f"fox,nyt; not {args.outlets!r}")
    chosen = pairs(args.path, args.pairs, outlets, _years(args.years))
    for number, (first, second) in enumerate(chosen, start=1):
        articles = [d.article(label=OUTLETS[d.outlet.lower()]) for d in (first, second)]
        print(f"## Pair {number}: {first.name} and {second.name}")
        print("\n".join(differences(articles)))
        print()
    return 0


def _years(text: str) -> tuple[int, ...]:
    """"2010-2015" or "2012" as a tuple of years; a clear error otherwise."""
    try:
        first, _, last = text.partition("-")
        years = tuple(range(int(first), int(last or first) + 1))
    except ValueError:
        raise AnalysisInputError(f"--years must be a year or a range such as 2010-2015, not "
                            f"{text!r}") from None
    if not years:
        raise AnalysisInputError(f"--years {text!r} is an empty range")
    return years


def _roles_option(text: str | None) -> list[str] | None:
    """``--roles headline,body`` as a list of role names; None when the option is not given.
    An option that names no role (``--roles ,`` or ``--roles ""``) is an error, not the
    default."""
    if text is None:
        return None
    roles = [r.strip() for r in text.split(",") if r.strip()]
    if not roles:
        raise AnalysisInputError(f"--roles {text!r} names no role; give comma-separated roles "
                                 "such as headline,body, or leave the option out for the default")
    return roles


def _compare(args: argparse.Namespace) -> int:
    from .inputs import compare_parameters
    from .kernels import kernel_factory

    roles = _roles_option(args.roles)
    # started first: it imports its libraries while this process checks the inputs and
    # imports its own (on bad input it is stopped with the block, having run no kernel)
    with kernel_factory():
        parameters = compare_parameters(args.first, args.second, roles=roles,
                                        labels=(args.label_a, args.label_b),
                                        actors=args.actors, word_choices=args.word_choices,
                                        max_bytes=args.max_bytes)
        from .build import build_reports  # the notebook machinery, once the inputs are good

        build_reports(Path(args.out).expanduser().resolve(), parameters, force=args.force)
    return 0


def _polnear_arguments(command: argparse.ArgumentParser) -> None:
    """The checkout path and split every PolNeAR evaluation takes (never the test split)."""
    from ..corpora.polnear import SPLITS

    command.add_argument("path", help="a checkout of networkdynamics/PolNeAR")
    command.add_argument("--split", default="dev", choices=list(SPLITS))


def _positive(text: str) -> int:
    """A positive whole number of bytes, for --max-bytes."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes, not {text!r}")
    return value


def _report_arguments(command: argparse.ArgumentParser) -> None:
    """The options ``compare`` and ``report`` share: the size limit and --force."""
    command.add_argument("--max-bytes", type=_positive, default=None,
                         help="refuse article files larger than this "
                              f"(default {MAX_ARTICLE_BYTES:,})")
    command.add_argument("--force", action="store_true",
                         help="replace the contents of an --out folder that holds files this "
                              "project did not write (they are deleted)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the ``framing`` command."""
    parser = argparse.ArgumentParser(prog="framing", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    audit = commands.add_parser("audit", help="print the paragraph-role audit of one article")
    audit.add_argument("file", help="a plain-text article file")
    audit.add_argument("--encoding", default=None, help="text encoding if not UTF-8")
    audit.add_argument("--offsets", action="store_true", help="also print raw offsets")
    audit.add_argument("--max-bytes", type=int, default=MAX_ARTICLE_BYTES,
                       help=f"refuse files larger than this (default {MAX_ARTICLE_BYTES:,})")
    audit.set_defaults(run=_audit)
    compare = commands.add_parser(
        "compare", help="run every notebook on two article files and render HTML with an index",
        description="Run the notebook sequence on two plain-text articles with papermill, "
                    "render each notebook to HTML in --out and write index.html there.")
    compare.add_argument("first", metavar="A.txt", help="the first article (plain text)")
    compare.add_argument("second", metavar="B.txt", help="the second article (plain text)")
    compare.add_argument("--label-a", default=None, help="display name of the first article")
    compare.add_argument("--label-b", default=None, help="display name of the second article")
    compare.add_argument("--roles", default=None,
                         help="comma-separated paragraph roles to analyse (default headline,body)")
    compare.add_argument("--actors", default=None, metavar="FILE",
                         help="the story's actors and their aliases, a TSV in the format of "
                              "analysis/lexicons/actors.tsv (default: the actors are found in "
                              "the two articles)")
    compare.add_argument("--word-choices", default=None, metavar="FILE",
                         help="alternative words for the same thing, a TSV in the format of "
                              "analysis/lexicons/word_choices.tsv (default: none)")
    compare.add_argument("--out", default=str(REPORTS_DIR / "comparison"),
                         help="output folder (default: reports/comparison)")
    _report_arguments(compare)
    compare.set_defaults(run=_compare)
    report = commands.add_parser("report", help="execute every notebook and render HTML")
    report.add_argument("--out", default=str(REPORTS_DIR), help="output folder")
    _report_arguments(report)
    report.set_defaults(run=_report)
    evaluate = commands.add_parser(
        "evaluate-sources", help="score the sources lens against PolNeAR's hand annotation",
        description="Run the sources lens on a split of a local PolNeAR checkout and print "
                    "source recall (all attributions, and those with a verb of saying), "
                    "precision and cue recall, per outlet and overall, with the commonest "
                    "misses. The test split is never read.")
    _polnear_arguments(evaluate)
    evaluate.add_argument("--out", default=None, help="also write the results as JSON here")
    evaluate.add_argument("--pronouns", default=None,
                          help="also score pronoun sources against this hand resolution (a CSV "
                               "of document, start, end, pronoun, referent; see "
                               "tests/fixtures/polnear_pronouns_dev.md)")
    evaluate.set_defaults(run=_evaluate_sources)
    cleaning = commands.add_parser(
        "evaluate-cleaning", help="check on PolNeAR that cleaning keeps the story",
        description="Clean every article of a split of a local PolNeAR checkout and print the "
                    "share of the annotated source and cue characters that fall outside the "
                    "analysed roles (headline and body), per outlet, with the roles that hold "
                    "them. The test split is never read.")
    _polnear_arguments(cleaning)
    cleaning.set_defaults(run=_evaluate_cleaning)
    loaded = commands.add_parser(
        "evaluate-loaded", help="score the loaded-language lens against BASIL's annotation",
        description="Run the loaded-language lens on the 2010-2015 articles of a local BASIL "
                    "checkout and print span recall and marker precision against the "
                    "lexical-bias annotations, with every lexicon row and with the general "
                    "rows alone, per category, outlet and origin. 2016-2019 are never read.")
    loaded.add_argument("path", help="a checkout of launchnlp/BASIL")
    loaded.add_argument("--years", default="2010-2015",
                        help="a year or range within 2010-2015 (default 2010-2015)")
    loaded.add_argument("--out", default=None, help="also write the results as JSON here")
    loaded.set_defaults(run=_evaluate_loaded)
    check = commands.add_parser(
        "check-pairs", help="print the generated main differences for real BASIL pairs",
        description="Compare the first N events of a local BASIL checkout that two outlets "
                    "reported, and print the generated main differences of each pair, to be "
                    "read against the articles (a development check; nothing is written).")
    check.add_argument("path", help="a checkout of launchnlp/BASIL")
    check.add_argument("--pairs", type=int, default=3, help="how many events (default 3)")
    check.add_argument("--outlets", default="fox,nyt",
                       help="two of fox, nyt, hpo (default fox,nyt)")
    check.add_argument("--years", default="2010-2015", help="a year or range within 2010-2015")
    check.set_defaults(run=_check_pairs)
    notebooks = commands.add_parser(
        "notebooks", help="re-execute the committed notebooks in place (for maintainers)",
        description="Execute each story notebook top to bottom in a fresh kernel with the same "
                    "executor as report and compare, and write it back in place.")
    notebooks.add_argument("notebook", nargs="*", help="notebooks to execute: files, or story "
                           "notebooks by number or name, e.g. 03 (default: all)")
    notebooks.set_defaults(run=_notebooks)
    return parser


# jsonschema, which nbformat imports, builds an Earley parser at import for its optional IRI
# format checker when ``rfc3987_syntax`` is installed (a Jupyter dependency): two seconds of
# every command that reads a notebook. Notebook schemas check no IRI format, so the command
# goes without that module (jsonschema skips the checker when its import fails).
SLOW_OPTIONAL_IMPORTS = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Make the imports in ``SLOW_OPTIONAL_IMPORTS`` fail (``ImportError``) in this process,
    unless already done."""
    for name in SLOW_OPTIONAL_IMPORTS:
        sys.modules.setdefault(name, None)


def run() -> None:
    """The ``framing`` command: :func:`main` in a process of its own, without the slow
    optional imports."""
    skip_slow_optional_imports()
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a subcommand and turn input errors into a one-line message."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except AnalysisError as exc:  # bad input: 2; a notebook that failed (NotebookError): 1
        print(f"framing: error: {terminal_safe(exc)}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except OSError as exc:  # a file or folder that cannot be read or written: bad input
        where = display_path(Path(exc.filename)) if exc.filename else "a file"
        print(f"framing: error: {terminal_safe(where)}: {terminal_safe(exc.strerror or exc)}",
              file=sys.stderr)
        return INPUT_ERROR
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, code 3
        print(f"framing: internal error: {exc.__class__.__name__}: "
              f"{terminal_safe(str(exc)[:200])} (please report it with the command you ran)",
              file=sys.stderr)
        return INTERNAL_ERROR


if __name__ == "__main__":
    run()
