"""Attribution rows: each attribution found in a paragraph, resolved and given its speech and
quotation, as one row with raw offsets; embedded posts as rows of their own."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from ..entities.gazetteer import find_known
from ..lexicons import grammar_words
from ..text.article import Article, Paragraph, Sentence, article_list, roles_with_embeds
from ..text.roles import DEFAULT_ROLES, signature
from .colon import colon_attributions, speaker_turn
from .find import find_in_paragraph
from .grammar import grammar
from .phrases import Found, SameSentence, paragraph_text
from .resolve import Context, Resolved, resolve
from .speech import continue_quotes, quote_fields, set_speech

TRANSCRIPT_TURNS = 2  # speaker turns an article needs before any is read as one

ATTRIBUTION_COLUMNS = ["article", "paragraph", "role", "sentence", "source", "canonical", "kind",
                       "named", "source_role", "cue", "cue_class", "quote", "quote_text",
                       "start", "end", "cue_start", "cue_end", "speech_start", "speech_end",
                       "date", "via", "frame", "match"]


def _sentences_by_paragraph(article: Article, roles: frozenset[str]) -> dict[int, list[Sentence]]:
    """The chosen sentences of an article, grouped by paragraph."""
    grouped: dict[int, list[Sentence]] = {}
    for sentence in article.select_sentences(roles=roles):
        grouped.setdefault(sentence.paragraph, []).append(sentence)
    return grouped


def source_role(source: str, resolved: Resolved) -> str:
    """The title, role or affiliation a source phrase gives a named person, without the name:
    "Weekly Standard Editor" for "Weekly Standard Editor Bill Kristol", "former National
    Security Advisor" for "former National Security Advisor John Bolton"; empty otherwise."""
    if resolved.kind != "person" or not resolved.named:
        return ""
    parts = resolved.canonical.split()
    for k in range(len(parts), 0, -1):  # the full name, or its last words ("Mr. Bolton")
        name = " ".join(parts[-k:])
        at = source.find(name)
        if at >= 0:
            rest = (source[:at] + " " + source[at + len(name):]).replace("'s ", " ")
            courtesy = {"Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms"}
            words = [w for w in rest.split() if w not in courtesy]
            return grammar().det_start.sub("", " ".join(words).strip(" ,"), count=1).strip(" ,")
    return ""


def _row(article: Article, f: Found, quote: str, quote_text: str, via: str) -> dict:
    """One output row, with raw offsets."""
    p = f.paragraph
    start, end = p.raw_span(*f.source)
    cue_start, cue_end = p.raw_span(*f.cue)
    speech = p.raw_span(*f.speech) if f.speech else (-1, -1)
    assert f.resolved is not None
    return {
        "article": article.id, "paragraph": p.index, "role": p.role, "sentence": f.sentence,
        "source": article.raw[start:end], "canonical": f.resolved.canonical,
        "kind": f.resolved.kind, "named": f.resolved.named,
        "source_role": source_role(article.raw[start:end], f.resolved),
        "cue": article.raw[cue_start:cue_end], "cue_class": f.cue_class or f.spec.cue_class,
        "quote": quote, "quote_text": quote_text, "start": start, "end": end,
        "cue_start": cue_start, "cue_end": cue_end, "speech_start": speech[0],
        "speech_end": speech[1], "date": "", "via": via, "frame": f.frame,
    }


@cache
def _complementiser_reach() -> int:
    """Characters before a position that :func:`_after_complementiser` reads: the longest
    complementiser, its space, a possible line break, and the character before it."""
    return max(len(w) for w in grammar_words("complementisers")) + 3


def _after_complementiser(text: str, position: int) -> bool:
    """True when a complementiser ("that", "whether") and a space end the text before
    ``position`` (the grammar's ``complement_end``, read near ``position`` only: the pattern
    ends there, so a longer look finds nothing more)."""
    start = max(0, position - _complementiser_reach())
    return grammar().complement_end.search(text, start, position) is not None


def _is_pronoun(p: Paragraph, f: Found) -> bool:
    """True when a row's source is a subject pronoun ("he", "they")."""
    return p.text[slice(*f.source)].lower() in grammar().resolved_pronouns


def _dedupe(found: list[Found]) -> list[Found]:
    """Drop repeated attributions, and noun-frame ones that repeat a verb's source."""
    kept: list[Found] = []
    seen: set[tuple] = set()
    # a relative "who" stands for its antecedent, so "a book by X, who claims" is one attribution
    verbs = {(f.sentence, f.refers_to or f.source) for f in found
             if f.frame in ("verb", "evaluative")}
    for f in found:
        key = (f.sentence, f.source, f.cue)
        if key in seen:
            continue
        if f.frame in ("noun", "possessive", "attributed") and (f.sentence, f.source) in verbs:
            continue
        seen.add(key)
        kept.append(f)
    return kept


def _embed_rows(article: Article, roles: frozenset[str],
                sentences: dict[int, list[Sentence]]) -> list[dict]:
    """One row per embedded post, attributed to its signature line."""
    if "embed" not in roles:
        return []
    posts: dict[int, list[Paragraph]] = {}
    for p in article.paragraphs:
        if p.role == "embed" and p.kept and p.post is not None:
            posts.setdefault(p.post, []).append(p)
    rows = []
    for paragraphs in posts.values():
        signed = paragraphs[-1]
        found = signature(signed.text)
        if not found:
            continue
        name, handle = found.get("name", ""), found.get("handle", "")
        text = signed.text
        a = text.find(name) if name else text.find(handle)
        b = text.find(handle) + len(handle) if handle and handle in text else a + len(name)
        if b < len(text) and text[b] == ")":
            b += 1
        start, end = signed.raw_span(max(a, 0), b)
        clean_name = " ".join(re.sub(r"[^\w\s.'&-]+", " ", name).split())
        entry = None
        for candidate in (handle, clean_name):
            hits = find_known(candidate) if candidate else []
            if hits and hits[0][0] == 0 and hits[0][1] == len(candidate):
                entry = hits[0][2]
                break
        canonical = entry.canonical if entry else (clean_name or handle)
        body = paragraphs[:-1]
        first = paragraphs[0]
        first_sentences = sentences.get(first.index) or sentences.get(signed.index) or []
        if body:
            speech = (body[0].raw_span(0, len(body[0].text))[0],
                      body[-1].raw_span(0, len(body[-1].text))[1])
            quote, quote_text = "direct", " ".join(p.text for p in body)
        else:
            speech, quote, quote_text = (-1, -1), "none", ""
        rows.append({
            "article": article.id, "paragraph": first.index, "role": "embed",
            "sentence": first_sentences[0].index if first_sentences else -1,
            "source": article.raw[start:end], "canonical": canonical, "kind": "social",
            "named": True, "cue": "", "cue_class": "neutral", "quote": quote,
            "quote_text": quote_text, "start": start, "end": end, "cue_start": -1,
            "cue_end": -1, "speech_start": speech[0], "speech_end": speech[1],
            "date": found.get("date", ""), "via": "", "frame": "embed",
        })
    return rows


def _unsigned_posts(article: Article, rows: list[dict]) -> None:
    """A post quoted without its signature line ("The senator tweeted:" and then the post) is
    the words of the attribution that introduces it: that row quotes the post."""
    posts: dict[int, list[Paragraph]] = {}
    for p in article.paragraphs:
        if p.role == "embed" and p.post is not None:
            posts.setdefault(p.post, []).append(p)
    with_cue: dict[int, list[dict]] = {}  # each paragraph's rows that have a cue, in order
    for r in rows:
        if r["cue_end"] >= 0:
            with_cue.setdefault(r["paragraph"], []).append(r)
    for paragraphs in posts.values():
        if any(signature(p.text) for p in paragraphs):
            continue
        cues = with_cue.get(paragraphs[0].index - 1, [])
        if not cues:
            continue
        row = max(cues, key=lambda r: r["cue_end"])
        kept = [p for p in paragraphs if p.kept]
        row.update(speech_start=kept[0].start, speech_end=kept[-1].end, quote="direct",
                   quote_text=" ".join(p.text for p in kept))


def article_attributions(article: Article, *, roles: frozenset[str]) -> list[dict]:
    """Every attribution row of one article (cached per roles)."""
    return article.cached(("attributions", roles), lambda: _find_attributions(article, roles))


def _find_attributions(article: Article, roles: frozenset[str]) -> list[dict]:
    context = Context(article, roles)
    sentences = _sentences_by_paragraph(article, roles)
    rows: list[dict] = []
    turns = {p.index: speaker_turn(p, sentences[p.index]) for p in article.paragraphs
             if p.index in sentences and p.role != "embed"}
    if sum(turn is not None for turn in turns.values()) < TRANSCRIPT_TURNS:
        turns = {}  # one capitalised label ("BOOM: ...") is a headline, not a transcript
    for p in article.paragraphs:
        if p.index not in sentences or p.role == "embed":
            continue  # an embedded post is one attribution, its author's (see _embed_rows)
        chosen = sentences[p.index]
        t = paragraph_text(p)
        turn = turns.get(p.index)
        found = find_in_paragraph(t, p, chosen, blocked=[turn.speech] if turn else [])
        found = _dedupe([*([turn] if turn else []), *found,
                         *colon_attributions(t, p, chosen, found, context)])
        same_sentence = SameSentence(found, chosen)
        for f in found:
            if f.frame == "relay" and f.governor is None:
                same = [g for g in same_sentence.near(f) if g.frame != "relay"]
                before = [g for g in same if g.cue[0] < f.cue[0]]
                f.governor = before[-1] if before else (same[0] if same else None)
        for f in found:
            set_speech(t, f, same_sentence.near(f), sentences[p.index])
        continue_quotes(t, found)
        for f in found:
            if f.frame == "relay" and f.governor is not None:
                f.speech = f.governor.speech
                f.direct = f.governor.direct
                f.extra_quotes = f.governor.extra_quotes
        first_read: dict[tuple[int, int], Found] = {}  # the first attribution read at a source
        for f in found:
            if f.inherited:
                source = first_read.get(f.source)
                f.resolved = source.resolved if source else None
            if f.resolved is None:
                named = f.refers_to or f.source  # a relative "who" is resolved as its phrase
                position = p.raw_span(*named)[0]
                f.resolved = resolve(p.text[slice(*named)], position, context)
                # inside another source's words, or in a clause after "that" ("responded to
                # reports that Trump planned"): not the sentence's main speaker
                nested = any(g is not f and g.speech and g.speech[0] <= f.source[0] < g.speech[1]
                             for g in same_sentence.near(f)) \
                    or _after_complementiser(p.text, f.source[0])
                context.add(p.raw_span(*f.source)[0], f.resolved, p.text[slice(*named)], nested)
            if not f.inherited:
                first_read.setdefault(f.source, f)
        for f in found:
            if f.resolved is None:
                continue
            quote, quote_text = quote_fields(t, f)
            via = ""
            if f.governor is not None and f.governor.resolved is not None:
                via = f.governor.resolved.canonical
            else:
                holder = next((g for g in same_sentence.near(f) if g is not f
                               and g.speech and g.speech[0] <= f.source[0]
                               and f.source[1] <= g.speech[1] and g.resolved is not None), None)
                via = holder.resolved.canonical if holder else ""
                if holder is not None and (via == f.resolved.canonical and f.resolved.named
                                           or not f.resolved.named and _is_pronoun(p, f)):
                    # "she said that she supports": one act of speech, not two; an unresolved
                    # pronoun in someone's words ("The U.S. and Britain said they would
                    # respond") is taken as the speaker's, so it is no second source either
                    continue
            if via == f.resolved.canonical:
                via = ""
            rows.append(_row(article, f, quote, quote_text, via))
    rows.extend(_embed_rows(article, roles, sentences))
    _unsigned_posts(article, rows)
    rows.sort(key=lambda r: (r["start"] if r["frame"] != "embed" else r["speech_start"],
                             r["cue_start"], r["end"]))
    rows.sort(key=lambda r: (r["sentence"], r["paragraph"]))
    return rows


def attributions(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True
                 ) -> pd.DataFrame:
    """One row per act of attribution: who is cited, with which cue, saying what.

    Reads the paragraphs of ``roles`` and, with ``embeds`` (the default), embedded posts,
    which are attributed speech whatever roles the analysis chose.

    Columns (``ATTRIBUTION_COLUMNS``): article, paragraph, role, sentence (the sentence holding
    the cue; for an embedded post, its first sentence), source (the words naming the source,
    as published), canonical (the resolved name: "The New York Times", "unnamed officials", or
    "unresolved: the paper" when a description has no antecedent), kind (media, government,
    person, anonymous, document, social, other), named (False for anonymous and unresolved
    sources), source_role (for a named person, the title, role or affiliation the source words
    give, without the name: "Senate Minority Whip" for "Senate Minority Whip Dick Durbin"),
    cue (the reporting verb or phrase as published; empty for an embedded post),
    cue_class (neutral, distancing, directive, belief, non_response), quote (direct, partial, none),
    quote_text (the quoted words; partial quotations joined with " … "), start, end (raw
    offsets of the source words: ``raw[start:end] == source``), cue_start, cue_end (raw offsets
    of the cue, -1 for an embedded post), speech_start, speech_end (raw offsets of what was
    said: the quotation for a direct quote, otherwise the governed clause; -1 when nothing is
    said, as for "declined comment" or "a statement by X"), date (an embedded post's date,
    empty elsewhere), via (the canonical source that relays this one: "citing X" and sources
    named inside another source's words), frame (how it was found: verb, passive, according,
    relay, attributed, noun, possessive, evaluative, embed), match (the same as ``source``,
    under the name every lens's evidence uses). Rows are in text order.
    """
    wanted = roles_with_embeds(roles, embeds)
    rows = [r for a in article_list(articles) for r in article_attributions(a, roles=wanted)]
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[:-1])
    return table.assign(match=table["source"])
