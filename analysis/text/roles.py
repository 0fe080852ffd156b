"""Split raw text into paragraphs and give each one a role, with the reason for it.

Roles:

- ``headline``: the first paragraph when it is a short line that does not end like a sentence.
- ``body``: running text, the default object of analysis together with the headline.
- ``caption``: a photo caption. Evidence: a caption cue ("In this photo", a wire-photo credit);
  or a paragraph that does not end like a sentence and either describes a scene in the present
  tense next to a calendar date, or is printed twice in a row (how scraped Daily Mail pages
  repeat each caption).
- ``embed``: an embedded social-media post, with its "- Name (@handle) date" signature line.
- ``footnote``: a note introduced by a marker such as ``*`` that refers back to a marked word.
- ``boilerplate``: site furniture such as "Read more at ...", bylines, share buttons, menus.
- ``note``: an editor's note, update or correction ("UPDATE: ...", "PREVIOUSLY:", "This article
  has been updated ..."): about the story, not part of it.
- ``dateline``: the place (and wire) that opens a story ("WASHINGTON —"), cut from the start of
  its paragraph (:mod:`.segments`); ``Article.dateline`` keeps it.

A photo credit inside running text is cut out as a segment of its own and is a caption; the
running text around it stays body. A paragraph introduced by "X tweeted:" (and the like) that is
short enough to be a post is an embedded post even without a signature line.

Cleaning is lossless: every paragraph stays in the audit. Only two things are set aside from
analysis: boilerplate, and the second copy of a paragraph repeated immediately after itself.
Identical paragraphs that are not adjacent are never merged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicons import alternation, grammar_words, regex, table, word_list
from ..lexicons.prefilter import may_any, may_match, widest
from .normalisation import HANDLE_PATTERN, HASHTAG_PATTERN, LINK_PATTERN, matches_at
from .segments import CAPTION_MAX_WORDS, credits_in, cues
from .tokenise import WORD_KINDS, token_spans, word_count

ROLES = ("headline", "body", "caption", "embed", "footnote", "note", "dateline", "boilerplate")
DEFAULT_ROLES = ("headline", "body")
HEADLINE_MAX_WORDS = 30
CAPTION_MIN_WORDS = 6
POST_MAX_CHARS = 600
LIST_LINE_MAX_WORDS = 15
RELATED_BLOCK = "related-links block"

# a line ends at CR, LF, CRLF or U+2028 LINE SEPARATOR; a paragraph at a blank line or at
# U+2029 PARAGRAPH SEPARATOR
_LB = "\r\n|\r(?!\n)|[\n\u2028]"  # never CR and LF of one CRLF as two breaks
_BLANK_LINES = re.compile(f"(?:{_LB})(?:[^\\S\r\n\u2028\u2029]*(?:{_LB}))+|\u2029")
_LINE_BREAK = re.compile(f"{_LB}|\u2029")
_BREAK_START = re.compile("[\r\n\u2028\u2029]")  # where a match of either can start
_NON_SPACE = re.compile(r"\S")
_SENTENCE_END = tuple(".!?:;\"')]…")
_FOOTNOTE_START = re.compile(r"^(?P<marker>\*+|†|‡)\s*(?P<rest>\S.*)$", re.S)
_LIST_MARK = re.compile(r"(?:\d{1,2}[.)]|[-•*–])\s")


@dataclass(frozen=True)
class RoleDecision:
    """The role given to one paragraph, whether analysis keeps it, and why."""

    role: str
    kept: bool
    reason: str
    duplicate_of: int | None = None
    post: int | None = None


def split_paragraphs(raw: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs in ``raw``: blank lines (or U+2029 PARAGRAPH SEPARATOR)
    separate them, or single line breaks (U+2028 LINE SEPARATOR is one) when the text has
    neither. Spans exclude surrounding whitespace."""
    separator = _BLANK_LINES if next(_breaks(_BLANK_LINES, raw), None) else _LINE_BREAK
    spans = []
    position = 0
    for match in [*_breaks(separator, raw), None]:
        chunk_end = match.start() if match else len(raw)
        first = _NON_SPACE.search(raw, position, chunk_end)
        if first:
            end = chunk_end
            while raw[end - 1].isspace():
                end -= 1
            spans.append((first.start(), end))
        if match:
            position = match.end()
    return spans


def _breaks(separator: re.Pattern[str], raw: str) -> Iterator[re.Match[str]]:
    """The matches of ``separator.finditer(raw)``, found faster: a separator starts with a
    line or paragraph break, so it is tried only where ``_BREAK_START`` finds one."""
    return matches_at(separator, _BREAK_START, raw)


def _rules(name: str, label: str, flags: int = 0) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns of a data file compiled, each with the value of its ``label`` column."""
    return tuple((regex(name, i, r["pattern"], flags), r[label])
                 for i, r in enumerate(table(name, ("pattern", label))))


@cache
def _boilerplate_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _rules("boilerplate.tsv", "reason")


@cache
def _caption_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _rules("caption_cues.tsv", "reason", re.I)


@cache
def _signature_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _rules("embed_signatures.tsv", "platform", re.I)


@cache
def _date() -> re.Pattern[str]:
    """A calendar date: "June 27, 2020", "Sept. 3 2019", "27 June 2020"."""
    months = alternation(grammar_words("months") + grammar_words("month_abbreviations"))
    return re.compile(rf"\b(?:(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
                      rf"|\d{{1,2}} (?:{months})\.? \d{{4}})\b")


@cache
def _scene_verbs() -> frozenset[str]:
    return frozenset(word_list("caption_verbs.txt"))


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation or a closing quote."""
    return text.rstrip().endswith(_SENTENCE_END)


@cache
def _whole_rules(name: str) -> tuple[tuple[re.Pattern[str], str, int], ...]:
    """The rules of a file whose patterns must match a whole paragraph, each with the length
    of the longest text it can match (no longer text is tried)."""
    rules = {"boilerplate": _boilerplate_rules, "signature": _signature_rules}[name]()
    return tuple((p, label, sys.maxsize if widest(p) is None else widest(p))
                 for p, label in rules)


def boilerplate_reason(text: str) -> str | None:
    """Why ``text`` is site furniture, or None when it is not."""
    size = len(text)
    for pattern, reason, most in _whole_rules("boilerplate"):
        if size <= most and pattern.fullmatch(text):
            return reason
    return None


def signature(text: str) -> dict[str, str] | None:
    """Name, handle, date and platform of an embedded post's signature line, if it is one."""
    size = len(text)
    for pattern, platform, most in _whole_rules("signature"):
        match = pattern.fullmatch(text) if size <= most else None
        if match:
            found = {k: (v or "").strip() for k, v in match.groupdict().items()}
            return {**found, "platform": platform}
    return None


def has_social_markers(text: str) -> bool:
    """True when ``text`` carries an @handle, a #hashtag or a link."""
    return bool(HANDLE_PATTERN.search(text) or HASHTAG_PATTERN.search(text)
                or LINK_PATTERN.search(text))


def caption_reason(text: str, repeated: bool) -> str | None:
    """Why ``text`` reads as a photo caption, or None when it does not. A caption cue counts
    only in a paragraph short enough to be a caption (``CAPTION_MAX_WORDS``): a cue inside a
    long block of running text is not evidence that the block is a caption. A short paragraph
    that ends with a photo credit is a caption whether or not it ends with a full stop.

    The words are counted (tokenised) only when a rule needs the count: most paragraphs end
    like a sentence and carry no caption cue, and for them no rule does.
    """
    cue = _caption_cue(text)
    sentence = ends_like_sentence(text)
    if cue is None and sentence:
        return None
    tokens = token_spans(text)
    words = sum(kind in WORD_KINDS for _, _, kind in tokens)
    if cue is not None and words <= CAPTION_MAX_WORDS:
        return cue
    if sentence or words < CAPTION_MIN_WORDS:
        return None
    if repeated:
        return "printed twice in a row and does not end like a sentence (a repeated caption)"
    date = _date().search(text)
    if not date:
        return None
    verbs = _scene_verbs()
    words = [text[a:b] for a, b, kind in tokens if kind == "word"]
    verb = next((w for w in words[:15] if w.lower() in verbs), None)
    if verb:
        return (f"describes a scene in the present tense ('{verb}') with a date "
                f"('{date.group()}') and does not end like a sentence")
    return None


@cache
def _caption_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern for pattern, _ in _caption_rules())


def _caption_cue(text: str) -> str | None:
    """The reason of the first caption cue in ``text`` (a cue pattern, or a photo credit that
    ends or opens it), whatever its length: :func:`caption_reason` checks the length."""
    lowered = text.lower()
    if may_any(_caption_patterns(), text, lowered):  # most paragraphs lack what every cue needs
        for pattern, reason in _caption_rules():
            if may_match(pattern, text, lowered) and pattern.search(text):
                return reason
    credits = credits_in(text)
    if credits and credits[-1][1] >= len(text.rstrip(" .")):
        return f"ends with a photo credit ('{text[credits[-1][0]:credits[-1][1]]}')"
    if credits and credits[0][0] == 0:
        return f"opens with a photo credit ('{text[credits[0][0]:credits[0][1]]}')"
    return None


def _footnote_reason(texts: Sequence[str], raw_texts: Sequence[str], index: int) -> str | None:
    match = _FOOTNOTE_START.match(texts[index])
    if not match:
        return None
    marker = re.escape(match.group("marker"))
    marked = re.compile(rf"([^\W\d_][\w'\"]*)[ \t]?{marker}(?!\*)")
    for i, text in enumerate(raw_texts):
        if i != index and not _FOOTNOTE_START.match(text):
            hit = marked.search(text)
            if hit:
                return (f"note introduced by '{match.group('marker')}', the marker placed after "
                        f"'{hit.group(1)}' in paragraph {i}")
    if all(_FOOTNOTE_START.match(t) or boilerplate_reason(t) for t in texts[index:]):
        return f"note introduced by '{match.group('marker')}' at the end of the article"
    return None


def is_link_list(raw: str) -> bool:
    """True when every line of a paragraph reads like a list of headlines or links: short,
    numbered or bulleted, or not ending like a sentence."""
    lines = [line.strip() for line in _LINE_BREAK.split(raw) if line.strip()]
    return bool(lines) and all(
        word_count(line) <= LIST_LINE_MAX_WORDS
        and (_LIST_MARK.match(line) is not None or not ends_like_sentence(line))
        for line in lines)


def _lists_under_headings(texts: Sequence[str], raw_texts: Sequence[str],
                          originals: Sequence[int], taken: dict[int, RoleDecision]) -> None:
    """Set aside the headline lists that follow a "Most read" or "Related" heading."""
    for position, i in enumerate(originals):
        decision = taken.get(i)
        if not decision or decision.reason != RELATED_BLOCK or ":" in texts[i]:
            continue
        for j in originals[position + 1:]:
            if j in taken or not is_link_list(raw_texts[j]):
                break
            taken[j] = RoleDecision("boilerplate", False, f"list under the '{texts[i]}' "
                                    f"heading in paragraph {i}")


def _repeats(texts: Sequence[str]) -> list[int | None]:
    """For each paragraph, the first copy it repeats when it directly follows a copy."""
    first_copy: list[int | None] = [None] * len(texts)
    for i in range(1, len(texts)):
        if texts[i] == texts[i - 1]:
            first_copy[i] = first_copy[i - 1] if first_copy[i - 1] is not None else i - 1
    return first_copy


def _embeds(texts: Sequence[str], taken: dict[int, RoleDecision]) -> None:
    post = 0
    for i, text in enumerate(texts):
        sig = signature(text)
        if not sig or i in taken:
            continue
        post += 1
        author = f"{sig['name']} ({sig['handle']})".strip()
        when = f", {sig['date']}" if sig.get("date") else ""
        taken[i] = RoleDecision("embed", True, f"signature line of embedded {sig['platform']} "
                                f"post {post} by {author}{when}", post=post)
        j = i - 1
        while j >= 0 and j not in taken and len(texts[j]) <= POST_MAX_CHARS and (
            j == i - 1 or has_social_markers(texts[j])
        ):
            taken[j] = RoleDecision("embed", True, f"text of embedded post {post} "
                                    f"(signed in paragraph {i})", post=post)
            j -= 1


def note_reason(text: str) -> str | None:
    """Why ``text`` is an editor's note, update or correction, or None."""
    for pattern, reason in cues("note"):
        if pattern.match(text):
            return reason
    return None


def _unsigned_posts(texts: Sequence[str], originals: Sequence[int],
                    taken: dict[int, RoleDecision]) -> None:
    """A short paragraph introduced by "X tweeted:" (and the like) at the end of the one before
    it is a post quoted without its signature line."""
    post = max((d.post for d in taken.values() if d.post is not None), default=0)
    for before, i in zip(originals, originals[1:], strict=False):
        if i in taken or before in taken:
            continue
        text = texts[before]  # most paragraphs lack what an introduction needs (a ":")
        intro = next((m for p, _ in cues("post_intro") if may_match(p, text)
                      for m in [p.search(text)] if m), None)
        if intro is None or len(texts[i]) > POST_MAX_CHARS:
            continue
        post += 1
        taken[i] = RoleDecision("embed", True, f"text of post {post}, quoted without a signature "
                                f"line after '{intro.group().strip()}' in paragraph {before}",
                                post=post)


def assign_roles(texts: Sequence[str], raw_texts: Sequence[str] | None = None,
                 cuts: Sequence[tuple[str, str]] | None = None) -> list[RoleDecision]:
    """Decide the role of each paragraph from its normalised text (and its raw text, where
    footnote markers survive), in article order. ``cuts`` says, for each paragraph, whether it
    is a credit or a dateline cut out of a longer one (:mod:`.segments`), and why."""
    raw_texts = texts if raw_texts is None else raw_texts
    first_copy = _repeats(texts)
    originals = [i for i, c in enumerate(first_copy) if c is None]
    repeated = {c for c in first_copy if c is not None}
    taken: dict[int, RoleDecision] = {}
    for i, (cut, reason) in enumerate(cuts or ()):
        if cut:
            taken[i] = RoleDecision("caption" if cut == "credit" else cut, True, reason)
    for i in originals:
        if i in taken:
            continue
        reason = boilerplate_reason(texts[i])
        if reason:
            taken[i] = RoleDecision("boilerplate", False, reason)
            continue
        reason = note_reason(texts[i])
        if reason:
            taken[i] = RoleDecision("note", True, reason)
    _embeds(texts, taken)
    _unsigned_posts(texts, originals, taken)
    for i in originals:
        if i in taken:
            continue
        reason = _footnote_reason(texts, raw_texts, i)
        if reason:
            taken[i] = RoleDecision("footnote", True, reason)
    _lists_under_headings(texts, raw_texts, originals, taken)
    free = [i for i in originals if i not in taken]
    if len(free) > 1:
        first = free[0]
        words = word_count(texts[first])
        if words <= HEADLINE_MAX_WORDS and not texts[first].rstrip().endswith((".", ",", ";")):
            where = "first paragraph" if first == 0 else "first paragraph after site furniture"
            taken[first] = RoleDecision("headline", True, f"{where}: a short line ({words} "
                                        "words) that does not end like a sentence")
    for i in originals:
        if i in taken:
            continue
        reason = caption_reason(texts[i], i in repeated)
        taken[i] = (RoleDecision("caption", True, reason) if reason
                    else RoleDecision("body", True, "running text"))
    decisions = []
    for i, copy_of in enumerate(first_copy):
        if copy_of is None:
            decisions.append(taken[i])
            continue
        original = taken[copy_of]
        decisions.append(RoleDecision(
            original.role, False,
            f"repeats paragraph {copy_of} directly after it; set aside so the analysis "
            "sees it once", duplicate_of=copy_of, post=original.post,
        ))
    return decisions
