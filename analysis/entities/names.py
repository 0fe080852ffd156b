"""Names in text: classify a run of capitalised words as a person, organisation or place, find
every name mention of an article, and resolve short names to the full names used elsewhere.

See :mod:`analysis.entities` for the method and its limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..text.article import Article
from ..text.normalisation import HANDLE_PATTERN, is_mark, past_marks
from .gazetteer import (
    KIND_TYPE,
    Name,
    connector_words,
    find_known,
    first_names,
    gazetteer,
    known,
    name_regex,
    split_connectors,
)


@dataclass(frozen=True)
class Mention:
    """One mention of a name in a paragraph (local offsets into ``paragraph.text``)."""

    paragraph: int
    role: str
    sentence: int
    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str
    name: Name


def title_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """Word ranges of the titles in ``words`` (longest title first at each position)."""
    spans, i = [], 0
    by_first = gazetteer().titles_by_first_word
    while i < len(words):
        for title in by_first.get(words[i], ()):
            if tuple(words[i:i + len(title)]) == title:
                spans.append((i, i + len(title)))
                i += len(title)
                break
        else:
            i += 1
    return spans


def _head_word(words: Sequence[str]) -> str:
    """The last word before the first connector ("Embassy" in "Russian Embassy in ...")."""
    connectors = connector_words()
    before = []
    for word in words:
        if word in connectors and before:
            break
        before.append(word)
    return before[-1]


def _is_plain_word(word: str) -> bool:
    """True for a capitalised word of letters with some lower case ("Smith", not "NSA")."""
    letters = "".join(c for c in word[1:] if c not in "-'" and not is_mark(c))
    return word[:1].isupper() and letters.isalpha() and any(c.islower() for c in letters)


def _is_personal(words: Sequence[str]) -> bool:
    """True when words can be a person's name: one to four plain words or initials
    ("Will Rogers", "James B. Comey")."""
    return 1 <= len(words) <= 4 and all(
        _is_plain_word(w) or (len(w) == 2 and w[0].isupper() and w[1] == ".") for w in words) \
        and _is_plain_word(words[-1])


def _person_after_role(words: Sequence[str]) -> tuple[int, int] | None:
    """The word range of a person's name after a role or affiliation in one run of capitals
    ("Polk County GOP Chairman Will Rogers": words 4-6, after the title; "Weekly Standard
    Editor Bill Kristol": 3-5; "Mayor Frank G. Jackson of Cleveland": 1-4), or None. The name
    starts after the last title, or at a known first name followed by a surname, and ends
    before a connector ("of Cleveland"; "Betsy Sharp of Burke County" is words 0-2)."""
    connectors = connector_words()
    titles = title_spans(words)  # a title may hold a connector ("Chief of Staff")
    if titles and 0 < titles[-1][1] < len(words) and _is_personal(words[titles[-1][1]:]):
        return titles[-1][1], len(words)
    end = next((i for i, w in enumerate(words) if i and w in connectors), len(words))
    titles = [t for t in title_spans(words[:end]) if t[1] < end]
    if titles and _is_personal(words[titles[-1][1]:end]):
        return titles[-1][1], end
    names = first_names()
    for k in range(1, end - 1):
        if words[k] in names and _is_personal(words[k:end]) \
                and not _is_personal(words[k - 1:end]):
            return k, end
    if 1 < end < len(words) and words[0] in names and _is_personal(words[:end]):
        return 0, end  # "Betsy Sharp of Burke County"
    return None


def classify_words(words: Sequence[str]) -> tuple[Name | None, int, int]:
    """Classify a name given as words; returns the name and the word range it covers.

    The range drops a title and anything before it ("Russian President Vladimir Putin" covers
    words 2-4). Returns ``(None, 0, 0)`` for a bare title or a nationality word.
    """
    gaz = gazetteer()
    if not words:
        return None, 0, 0
    text = " ".join(words)
    entry = known(text)
    if entry is not None:
        return Name(entry.canonical, KIND_TYPE.get(entry.kind, "other"), entry.kind,
                    entry.cls), 0, len(words)
    if text in gaz.places:
        canonical, cls = gaz.places[text]
        return Name(canonical, "place", "government", cls), 0, len(words)
    if text in gaz.demonyms:
        return None, 0, 0
    stripped = _strip_demonyms(words)
    if len(stripped) < len(words):
        name, first, last = classify_words(stripped)
        return name, first, last
    if len(words) > 1 and words[0] in gaz.leading_dates:  # "Tuesday Ginsburg": a date, a name
        name, first, last = classify_words(words[1:])
        return (name, first + 1, last + 1) if name is not None else (None, 0, 0)
    person = _person_after_role(words)
    if person:
        start, end = person
        return Name(" ".join(words[start:end]), "person", "person", "person"), start, end
    head = _head_word(words)
    if head in gaz.heads:
        _, kind, cls = gaz.heads[head]
        return Name(text, "other" if kind == "document" else "organisation", kind, cls), \
            0, len(words)
    if text in gaz.groups or head in gaz.groups:
        kind, cls = gaz.groups.get(text) or gaz.groups[head]
        return Name(text, "organisation", kind, cls), 0, len(words)
    if any(w in gaz.place_heads for w in words):
        return Name(text, "place", "government", "place"), 0, len(words)
    titles = title_spans(words)
    if titles:
        after = titles[-1][1]
        rest = [w for w in words[after:] if not w[0].isdigit()]
        if not rest:
            return None, 0, 0
        start = len(words) - len(rest)
        return Name(" ".join(rest), "person", "person", "person"), start, len(words)
    if len(words) >= 2 and _is_plain_word(words[0]) and _is_personal(words) \
            and not any(w in gaz.demonyms for w in words):  # "Elaine C. Kamarck" too
        return Name(text, "person", "person", "person"), 0, len(words)
    return Name(text, "other", "other", "other"), 0, len(words)


def _strip_demonyms(words: Sequence[str]) -> list[str]:
    """``words`` without nationality words at the end ("House Democratic" -> "House")."""
    demonyms = gazetteer().demonyms
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        for k in (2, 1):
            if len(words) > k and " ".join(words[-k:]) in demonyms:
                words = words[:-k]
                changed = True
                break
    return words


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = "\x00" * (b - a)
    return "".join(chars)


def _sentence_starts(text: str, a: int) -> set[int]:
    """Positions that count as a sentence start: ``a`` and after an opening quote there."""
    starts = {a}
    i = a
    while i < len(text) and text[i] in "\"'([- ":
        i += 1
        starts.add(i)
    return starts


def names_in(text: str, a: int, b: int) -> list[tuple[int, int, Name | None, bool]]:
    """Names in ``text[a:b]``: ``(start, end, name, sentence_initial)``, aliases first."""
    found = []
    aliases = [(s, e, k) for s, e, k in find_known(text[a:b])]
    for s, e, entry in aliases:
        found.append((a + s, a + e, Name(entry.canonical, KIND_TYPE.get(entry.kind, "other"),
                                         entry.kind, entry.cls), False))
    masked = _mask(text[a:b], [(s, e) for s, e, _ in aliases])
    initial = _sentence_starts(text, a)
    for match in HANDLE_PATTERN.finditer(masked):
        found.append((a + match.start(), a + match.end(),
                      Name(match.group(), "other", "social", "social"), False))
    for match in name_regex().finditer(masked):
        words = match.group().split(" ")
        position = a + match.start()
        for piece in split_connectors(words):
            piece_text = " ".join(piece)
            start = text.find(piece_text, position)
            end = start + len(piece_text)
            position = end
            for s, e, name in _classified_pieces(text, start, end):
                found.append((s, e, name, s in initial))
    # a mention never ends between a letter (or a stop) and its accents
    return sorted(((s, past_marks(text, e), name, initial) for s, e, name, initial in found),
                  key=lambda f: (f[0], f[1]))


def _classified_pieces(text: str, start: int, end: int) -> list[tuple[int, int, Name]]:
    """Classify one capitalised run, splitting off what stands before a title."""
    words = text[start:end].split(" ")
    name, first, last = classify_words(words)
    pieces = []
    if name is not None and first > 0:
        before_title = title_spans(words)
        cut = before_title[0][0] if before_title else first
        if cut > 0:
            pre, _, _ = classify_words(words[:cut])
            if pre is not None and pre.type in ("place", "organisation"):
                pre_end = start + len(" ".join(words[:cut]))
                pieces.append((start, pre_end, pre))
    if name is not None:
        s = start + len(" ".join(words[:first])) + (1 if first else 0)
        e = s + len(" ".join(words[first:last]))
        pieces.append((s, e, name))
    return pieces


def article_mentions(article: Article, *, roles: frozenset[str]) -> list[Mention]:
    """Every name mention of an article in the chosen roles (cached)."""
    return article.cached(("mentions", roles), lambda: _find_mentions(article, roles))


def _find_mentions(article: Article, roles: frozenset[str]) -> list[Mention]:
    paragraphs = {p.index: p for p in article.paragraphs}
    raw_found = []
    for sentence in article.select_sentences(roles=roles):
        paragraph = paragraphs[sentence.paragraph]
        for s, e, name, initial in names_in(paragraph.text, sentence.local_start,
                                            sentence.local_end):
            raw_found.append((paragraph, sentence.index, s, e, name, initial))
    names = [n for *_, n, _ in raw_found if n is not None]
    # full names from the body first: a headline in title case runs a verb and a surname
    # together ("White House Asked Clinton to Urge Sestak ..."), the body names the person
    persons = surname_index([n for p, *_, n, _ in raw_found if n is not None
                             and p.role != "headline"] + names)
    organisations = sorted({n.canonical for n in names if n.type == "organisation"}, key=len)
    resolved = [None if n is None else resolve_organisation(resolve_person(n, persons),
                                                            organisations, names)
                for *_, n, _ in raw_found]
    # one name, one entity: a name written once as a person's ("President Obama") is a
    # person's wherever the article writes it alone ("Obama has done ...")
    people = {n.canonical for n in resolved if n is not None and n.type == "person"}
    mentions = []
    for (paragraph, number, s, e, _, initial), name in zip(raw_found, resolved, strict=True):
        if name is None:
            continue
        if name.type == "other" and name.kind == "other" and name.canonical in people:
            name = Name(name.canonical, "person", "person", "person")
        if initial and name.type == "other" and " " not in paragraph.text[s:e] \
                and name.kind != "social":
            continue
        raw_start, raw_end = paragraph.raw_span(s, e)
        mentions.append(Mention(paragraph.index, paragraph.role, number, s, e, raw_start,
                                raw_end, paragraph.text[s:e], name))
    return mentions


def surname_index(names: Iterable[Name]) -> dict[str, str]:
    """Last word of each person's full name -> the first full name seen with it."""
    index: dict[str, str] = {}
    for name in names:
        if name.type == "person" and " " in name.canonical:
            index.setdefault(name.canonical.split()[-1], name.canonical)
    return index


def resolve_person(name: Name, surnames: dict[str, str]) -> Name:
    """Give a one-word name, or a person's full name with the same first name and surname
    ("Donald J. Trump"), the article's full name; "Hillary Clinton" stays herself beside
    "Bill Clinton"."""
    if name.kind in ("person", "other") and name.type in ("person", "other"):
        words = name.canonical.split()
        full = surnames.get(words[-1])
        if full is not None and (len(words) == 1 or name.type == "person"
                                 and words[0] == full.split()[0]):
            return Name(full, "person", "person", "person")
    return name


def resolve_organisation(name: Name, canonicals: Sequence[str], names: Sequence[Name]) -> Name:
    """Give a short organisation name the longer one it ends ("Foreign Ministry" -> "Russian
    Foreign Ministry") when the article names exactly one such organisation."""
    if name.type != "organisation" or " " not in name.canonical:
        return name
    longer = [c for c in canonicals
              if c != name.canonical and c.endswith(" " + name.canonical)]
    if len(longer) != 1:
        return name
    return next(n for n in names if n.canonical == longer[0])


