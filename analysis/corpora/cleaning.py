"""Does cleaning keep the story? Measured on PolNeAR: the share of the characters its annotators
marked as attribution sources and cues that fall outside the analysed paragraph roles.

Cleaning sets aside captions, credits, datelines, editors' notes, boilerplate and repeats. If
it set aside running text by mistake, the annotated sources and cues in that text would fall
outside the analysed roles; this share is how the project checks that it does not (at most 1 %
on PolNeAR dev is the target).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import ArticleError
from ..text.article import check_roles
from ..text.roles import DEFAULT_ROLES
from .polnear import documents, skip_reason

EXAMPLES = 10  # set-aside paragraphs holding annotated characters, listed for inspection


def evaluate_cleaning(root: str | Path, *, split: str = "dev",
                      roles: Iterable[str] | None = DEFAULT_ROLES) -> dict:
    """Annotated source and cue characters of a PolNeAR split, and the share of them outside
    the paragraphs of ``roles``, per outlet and overall, with the roles that hold them and the
    set-aside paragraphs that hold most."""
    chosen = check_roles(roles)
    annotated: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    where: list[tuple[int, str, int, str]] = []
    skipped, articles = [], 0
    for doc in documents(root, split):
        try:
            article = doc.article()
        except ArticleError as exc:
            skipped.append((doc.name, skip_reason(exc)))
            continue
        articles += 1
        characters = {c for g in doc.gold() for span in (g.source, g.cue) if span is not None
                      for a, b in span.fragments for c in range(a, b)}
        kept = {c for p in article.paragraphs if p.role in chosen and p.kept
                for c in range(p.start, p.end)}
        missing = characters - kept
        annotated[doc.outlet] += len(characters)
        outside[doc.outlet] += len(missing)
        for p in article.paragraphs:
            here = sum(p.start <= c < p.end for c in missing)
            if here:
                role = p.role if p.kept else f"{p.role} (set aside)"
                by_role[role] += here
                where.append((here, doc.name, p.index, role))
    rows = [{"outlet": outlet, "annotated": annotated[outlet], "outside": outside[outlet],
             "share": round(outside[outlet] / annotated[outlet], 4) if annotated[outlet] else 0.0}
            for outlet in sorted(annotated)]
    total, out = sum(annotated.values()), sum(outside.values())
    rows.append({"outlet": "overall", "annotated": total, "outside": out,
                 "share": round(out / total, 4) if total else 0.0})
    where.sort(key=lambda w: (-w[0], w[1], w[2]))
    return {"corpus": "PolNeAR", "split": split, "articles": articles, "skipped": skipped,
            "roles": sorted(chosen), "outlets": rows, "by_role": sorted(by_role.items()),
            "examples": [{"characters": n, "document": d, "paragraph": i, "role": r}
                         for n, d, i, r in where[:EXAMPLES]]}
