"""The source grammar: regular expressions for source phrases, subjects, auxiliaries, clause
edges and what follows a cue, compiled once from the lexicon files.

Every word list comes from a data file: cue forms, source nouns and adverbials from the
sources lexicons (:mod:`.cues`), capitalised-name rules from the entity gazetteer, and the
closed-class words (determiners, auxiliaries, conjunctions, prepositions) from
``lexicons/grammar.tsv``. The patterns run on the *matching copy* of a paragraph
(:func:`matching_copy`), which has the same length as its text, so offsets carry over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import count

from ..entities.gazetteer import (
    LATIN1_UPPER,
    WIDE_UPPER,
    gazetteer,
    head_prepositions,
    name_abbreviations,
    name_stopword_pattern,
    stop_capitals,
)
from ..lexicons import alternation, grammar_words, word_list
from ..regex_cache import compile_patterns
from .cues import adverbials, anonymous_rules, cue_specs, source_nouns

_GROUP = count()


def _words(name: str, *, longest_first: bool = False) -> str:
    """A ``grammar.tsv`` list as a regular-expression alternation."""
    return alternation(grammar_words(name), longest_first=longest_first)


def _spaced(name: str) -> str:
    """A ``grammar.tsv`` list as an alternation of words each preceded by a space."""
    return "|".join(f" {re.escape(w)}" for w in grammar_words(name))


def _capitalisable(name: str) -> str:
    """A ``grammar.tsv`` list as an alternation whose first letters may be capitals."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in grammar_words(name))


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns for source phrases, clauses and speech."""

    np: re.Pattern[str]
    simple: re.Pattern[str]
    simple_named: re.Pattern[str]
    clause_subject: re.Pattern[str]
    pronoun_before: re.Pattern[str]
    complement_end: re.Pattern[str]
    aside: re.Pattern[str]
    relative_subject: re.Pattern[str]
    modified: re.Pattern[str]
    bare_relative: re.Pattern[str]
    according_phrase: re.Pattern[str]
    as_passive: re.Pattern[str]
    aside_colon: re.Pattern[str]
    opening_phrase: re.Pattern[str]
    addressed: re.Pattern[str]
    quantity_prefix: re.Pattern[str]
    time_words: frozenset[str]
    government_group_heads: tuple[str, ...]
    organisation_group_heads: tuple[str, ...]
    time_fillers: frozenset[str]
    in_document: re.Pattern[str]
    appos: re.Pattern[str]
    relative: re.Pattern[str]
    inherit: re.Pattern[str]
    np_end: re.Pattern[str]
    right_np: re.Pattern[str]
    right_np_any: re.Pattern[str]
    list_sep: re.Pattern[str]
    conj_prefix: re.Pattern[str]
    adv_suffix: re.Pattern[str]
    addressee: re.Pattern[str]
    negation: re.Pattern[str]
    agent_appositive: re.Pattern[str]
    adv_step: re.Pattern[str]
    relay_step: re.Pattern[str]
    adverbs: re.Pattern[str]
    conj: re.Pattern[str]
    aux: re.Pattern[str]
    possessive: re.Pattern[str]
    noun_content: re.Pattern[str]
    noun_by: re.Pattern[str]
    anonymous_modifier: re.Pattern[str]
    anonymous_formula: re.Pattern[str]
    lowered: re.Pattern[str]
    org_connector: re.Pattern[str]
    auxiliary: re.Pattern[str]
    quoted_as: re.Pattern[str]
    evaluative_object: re.Pattern[str]
    evaluative_quote: re.Pattern[str]
    new_clause: re.Pattern[str]
    speech_lead: re.Pattern[str]
    trailing_conj: re.Pattern[str]
    leading_conj: re.Pattern[str]
    prep_split: re.Pattern[str]
    det_start: re.Pattern[str]
    resolved_pronouns: frozenset[str]
    anaphors: frozenset[str]
    quoting_forms: frozenset[str]
    telling_forms: tuple[str, ...]
    noun_homographs: frozenset[str]
    editorial_labels: frozenset[str]


@cache
def grammar() -> Grammar:
    """Compile the source grammar from the lexicons (once)."""
    upper = LATIN1_UPPER  # the matching copy writes every wider capital as one of these
    initial = rf"[{upper}]\.(?= [{upper}])"
    cap = (rf"(?:{alternation(name_abbreviations())}|[{upper}](?:\.[{upper}])+\.?"
           rf"|{initial}|[{upper}]\w*(?:[-/][{upper}\d]\w*)*(?:'(?!s\b)\w+)*|@\w+)")
    capc = rf"(?:{cap}|\d+(?:st|nd|rd|th))"
    conn1 = _words("name_connectors")
    conn_head = _words("head_connectors")
    nouns = source_nouns()
    head_nouns = nouns.get("head", set()) | nouns.get("spokesperson", set()) | {
        f for f, specs in cue_specs().items() if any(x.frame == "noun" for x in specs)}
    head = rf"(?:{alternation(head_nouns, longest_first=True)})(?![\w-])"
    adverbial_list = adverbials()
    cue_words = [f for f in cue_specs() if " " not in f]
    stopwords = (set(word_list("stopwords_en.txt")) | {a for a in adverbial_list if " " not in a}
                 | set(cue_words))
    # only words that start with a-z can stand where ``low`` matches ("Monday" never does)
    stoplow = alternation({w for w in stopwords if "a" <= w[:1] <= "z"}, longest_first=True)
    low = rf"(?!(?:{stoplow})(?![\w'-]))[a-z][a-z-]*(?![\w'])"
    number = (rf"(?:\d[\d,.]*%?|(?:{_capitalisable('number_words')})"
              rf"(?:-(?:{_words('number_words')}))?)")
    quantity = (rf"(?:(?:{_capitalisable('quantity_modifiers')}) )?"
                rf"(?:(?:{_capitalisable('partitives')}|{number})(?: percent)? of )")
    det = rf"(?:{_capitalisable('determiners')}|{number})(?![\w'-])"
    generic = (rf"(?![a-z]+(?:ly|ed)(?![\w'-]))(?!(?:{_words('auxiliaries')}|{_words('not_heads')})"
               rf"(?![\w'-])){low}")
    all_adverbials = alternation(adverbial_list, longest_first=True)
    adv = rf"(?:{all_adverbials}|[a-z]+ly|{_words('reflexives')})(?![\w-])"
    prep_adverbials = alternation((a for a in adverbial_list if a.split()[0] in
                                   grammar_words("adverbial_prepositions")), longest_first=True)
    anon = anonymous_rules().modifiers
    preps = _words("phrase_prepositions")

    party = rf" \((?:{_words('party_initials')})(?:-[{upper}][\w.]*)?\)"

    def name() -> str:
        """A capitalised name, matched atomically (longest, no backtracking into it), with
        the party tag that may follow it ("Jack Reed (D-R.I.)")."""
        group = f"n{next(_GROUP)}"
        body = (rf"(?:\d+(?:st|nd|rd|th) )?{cap}(?:(?: (?:(?:{conn1}) )?|\x01(?:{conn_head}) )"
                rf"{capc})*(?:{party})?")  # "14th Amendment", "Jack Reed (D-R.I.)"
        return rf"(?=(?P<{group}>{body}))(?P={group})"

    def core(any_head: bool = False) -> str:
        """Modifiers and a head noun or name (or, with ``any_head``, any lower-case word)."""
        last = rf"{head}|{name()}|{generic}" if any_head else rf"{head}|{name()}"
        # "a 2016 report", "the 57-year-old scientist"
        return rf"(?:(?:{low}|{name()}|\d{{4}}|\d+(?:-[a-z]+)+) ){{0,4}}(?:{last})"

    # "to" continues a phrase only after an aide, adviser, lawyer ... ("aides to Clinton")
    to_after = "|".join(f"(?<={re.escape(w)})" for h in grammar_words("to_heads")
                        for w in dict.fromkeys((h, h[0].upper() + h[1:])))
    pp = (rf"(?:(?! (?:{prep_adverbials})(?![\w-])) (?:{preps})|(?:{to_after}) to) "
          rf"(?:{det} )?(?:(?:{low}|{name()}) ){{0,3}}(?:{head}|{name()}|{low})")

    def np(any_head: bool = False) -> str:
        """A noun phrase naming a source; with ``any_head`` its head may be any lower-case word
        (as the subject right before a reporting verb: "the NFL legend said")."""
        possessor = rf"(?:{det} )?(?:(?:{low} )?(?:{head}|{low})|{name()})'s?"
        return (rf"{quantity}?(?:(?:{det}|{name()}'s?|{possessor}) )?{core(any_head)}"
                rf"(?:{pp}){{0,3}}(?: (?i:{anon}))?")

    # a survey's or a group's share standing alone: "Some say", "Six in 10 said", "42% say"
    share = (rf"(?:(?:{_capitalisable('quantity_modifiers')}) )?"
             rf"(?:{number}(?: percent| in \d+| out of \d+)?|{_capitalisable('quantity_subjects')})"
             r"(?![\w'-])")
    pron = rf"(?:{_capitalisable('subject_pronouns')}|{share})"
    conj = (rf"(?:(?i:{_words('clause_openers')})"
            rf"|(?i:(?:{_words('relative_prepositions')}) "
            rf"(?:(?:{_words('relative_quantifiers')}) )?(?:of )?which))")
    advs = rf"(?P<adv>(?: {adv})*)"
    aux_words = _words("auxiliaries")
    aux_mods = _spaced("auxiliary_modifiers")
    clause_adverbs = _spaced("clause_adverbs")
    aux = rf"(?:{aux_words})(?:{aux_mods}| [a-z]+ly)*"
    auxs = rf"(?P<aux>(?: {aux}(?: {adv})*)?)"
    bound = (rf"(?=\s*(?:[,.;:!?()\]\"\u2013\u2014]|'(?!s\b)|-\s|$)|\s(?:{all_adverbials}"
             rf"|{_words('clause_bounds')}|{alternation(cue_words, longest_first=True)}"
             r"|[a-z]+(?:ed|ing) (?:in|on|with|to|by|for|at|about)"  # "one Republican involved in"
             r")(?![\w-]))")
    participles = alternation(nouns.get("participle", set()), longest_first=True)
    dates = alternation(grammar_words("days") + grammar_words("months"))
    # a date before the subject: "On Tuesday Ginsburg said"
    when = rf"(?:(?:on|last|this|early|late) (?:{dates})(?: \d+)?,? )?"
    agents = _words("agent_prepositions")
    passive_mods = _spaced("passive_modifiers")
    heads = gazetteer().heads
    openers = set(grammar_words("months")) | set(grammar_words("days"))
    lowered = (stop_capitals() - openers) | {w.capitalize()
                                             for w in grammar_words("subject_pronouns")}
    particles = _words("particles")
    fields = dict(
        np=_source(np()),
        simple=_source(rf"(?:{conj},? )?{when}(?P<np>{np(any_head=True)}|{pron})"
                       rf"{advs}{auxs} ?"),
        modified=_source(rf"(?:{conj},? )?(?P<np>{np(any_head=True)})"
                         rf" (?:(?:{_words('relative_pronouns')})|[a-z]+(?:ing|ed))"
                         rf" [^,;:\"()\u2013\u2014]{{1,150}}?{advs}{auxs} ?"),
        in_document=_source(rf"(?<![\w'-])in (?P<np>(?:{det} |{name()}'s? )?"
                            rf"(?:(?:{low}|{name()}) ){{0,4}}"
                            rf"(?:{_words('in_documents', longest_first=True)})(?![\w-])"
                            rf"(?:{pp}){{0,2}}),"),
        quantity_prefix=_source(rf"(?i:(?:(?:{_words('quantity_modifiers')}) )?"
                                rf"(?:(?:{_words('partitives')}|{number})(?: percent| in \d+)?))"
                                rf"(?: of |$)"),
        addressed=_source(rf"\b(?:{_words('telling_forms')}|asked|asks|ask|asking)\s+$"),
        opening_phrase=_source(r"[^,;:\"]{1,60}?, (?=[A-Za-z])"),
        aside_colon=_source(rf",\s+(?:{_words('phrase_prepositions')}|referring|pointing|"
                            r"turning|according)\b[^,:;\"]{1,80}(?=:)"),
        as_passive=_source(r"(?:^|[\s,(])as $"),
        according_phrase=_source(rf"(?P<np>(?:{det} |{cap}|[a-z])"
                                 r"[^,;:.!?()\"\u2013\u2014]{1,120}?)"
                                 r"(?=\s*(?:[,;:.!?()\"\u2013\u2014]|-\s|$))"),
        bare_relative=_source(rf"(?<=[\w)]) (?P<rel>{_words('relative_pronouns')})"
                              rf"{advs}{auxs} ?$"),
        relative_subject=_source(rf"(?<![\w'-])(?:who|what|whom) (?=(?:{det}) |[{upper}]"
                                 rf"|(?:{_words('subject_pronouns')}) )"),
        complement_end=_source(rf"(?<![\w'-])(?i:{_words('complementisers')}) $"),
        # an aside between a subject and its verb: "Kasich (who has 25 delegates) said",
        # "Joyce -- who is listed as an attorney -- told", "The judges ..., for instance, said"
        aside=_source(r"(?:\s\([^()]{1,200}\)|\s?[\u2014\u2013][^\u2014\u2013]{1,200}"
                      r"[\u2014\u2013]|\s--\s[^-]{1,200}?\s--|\s-\s[^-]{1,200}?\s-"
                      rf"|,\s(?:{_words('aside_adverbs', longest_first=True)}|[a-z]+ly),)\s*$"),
        pronoun_before=_source(rf"(?<![\w'-])(?P<np>{_capitalisable('subject_pronouns')})"
                               rf"{advs}{auxs} ?$"),
        clause_subject=_source(rf"(?P<np>{np()}|{pron})"
                               rf"(?:, (?={det} |[a-z\d]|[{upper}]-)[^,;:\"]{{1,160}}?,){{0,2}}"
                               rf"{advs}{auxs} (?=[a-z])"),
        simple_named=_source(rf"(?:{conj},? )?{when}(?P<np>{np()}|{pron}){advs}{auxs} ?"),
        appos=_source(rf"(?:{conj},? )?(?P<np>{np(any_head=True)}), "
                      rf"(?P<app>(?={det} |[a-z\d]|{cap})[^,;:\"]{{1,160}}?"
                      rf"(?:, (?={det} |[a-z\d])[^,;:\"]{{1,100}}?)?),{advs} ?"),
        relative=_source(rf"(?i:{_words('relative_pronouns')}){advs} ?"),
        inherit=_source(rf"(?:(?:^|.*[,;]? )(?:{_words('coordinators')})|^){advs}{auxs} ?$",
                        re.S),
        np_end=_source(rf"(?<![\w'-])(?P<np>(?:(?:{det}|{name()}'s?) )?{core()})$"),
        right_np=_source(rf"(?P<np>{np()}|{_words('object_pronouns')}){bound}"),
        right_np_any=_source(rf"(?P<np>{np(any_head=True)}){bound}"),
        list_sep=_source(r",? and |, "),
        conj_prefix=_source(rf"(?:{conj},? )?"),
        adv_suffix=_source(rf"(?:(?: {adv})*)(?: {aux}(?: {adv})*)? ?$"),
        addressee=_source(rf" (?:(?:{_words('addressee_determiners')}) )?[\w'.&-]+"
                          r"(?: [\w'.&-]+){0,4}?"
                          rf"(?=\s*(?:[,.:;\"']|$)|\s(?:{_words('addressee_bounds')})\b)"),
        negation=_source(rf"\b(?:{_words('negations')})\b|n't\b"),
        adv_step=_source(rf",?\s+{adv}"),
        relay_step=_source(rf",?\s+(?:{_words('relay_cues')}) "),
        adverbs=_source(rf"(?: {adv})+"),
        conj=_source(rf"(?:{conj})(?![\w-])"),
        aux=_source(rf"(?:^|\s)(?:{_words('passive_auxiliaries')})(?:{passive_mods}"
                    r"| [a-z]+ly)? $"),
        possessive=_source(rf"(?:^|(?<=\s))(?P<name>{name()})'s? $"),
        noun_content=_source(rf"\s*(?::|[\"']|(?:{_words('noun_complements')})\s)"),
        noun_by=_source(rf",? (?:(?:{participles}) )?(?:{agents}) "),
        agent_appositive=_source(rf"(?:{participles}) (?:{agents}) "),
        anonymous_modifier=_source(rf"(?i:{anon})\Z"),
        anonymous_formula=_source(rf"(?<![\w-])(?i:{anon})"),
        lowered=_source(rf"(?<![\w'.-])(?:{alternation(lowered, longest_first=True)}"
                        rf"|{name_stopword_pattern()})"
                        r"(?![\w'-]|\.\w)"),
        org_connector=_source(rf"(?<![\w'-])(?:{alternation(heads, longest_first=True)}) "
                              rf"(?=(?:{'|'.join(head_prepositions())}) "
                              rf"(?:the )?[{upper}])"),
        auxiliary=_source(rf"\b(?:{aux_words}|\w+n't)\b"),
        quoted_as=_source(rf" as (?:{_words('quoted_as_verbs')})\b"),
        evaluative_object=_source(rf" (?!(?:{particles}|{_words('particle_objects')})\b)"
                                  rf"[^,;:\"'.]{{1,80}}? (?:{_words('evaluative_links')})\s"),
        evaluative_quote=_source(rf" (?!(?:{particles})\b)[^,;:\".]{{1,80}}? [\"']"),
        new_clause=_source(rf"(?:[,;:]|\b(?:{_words('new_clause_conjunctions')}))"
                           rf"(?:{clause_adverbs}| [a-z]+ly)?\s*$"),
        speech_lead=_source(rf"\s*,?\s*(?::\s*|(?:(?:{_words('speech_lead_prepositions')})"
                            r" [^,.;:\"]{1,40}?\s)?that\s+)?"),
        trailing_conj=_source(rf",?\s(?:{_words('trailing_conjunctions')})"
                              rf"(?:{clause_adverbs}| [a-z]+ly)?$"),
        leading_conj=_source(rf"(?:{_words('leading_conjunctions')})\b", re.I),
        prep_split=_source(rf" (?:{preps}) "),
        det_start=_source(rf"^(?:{_words('determiners')}|\d+) ", re.I),
        resolved_pronouns=frozenset(grammar_words("resolved_pronouns")),
        anaphors=frozenset(grammar_words("anaphors")),
        quoting_forms=frozenset(grammar_words("quoting_forms")),
        telling_forms=grammar_words("telling_forms"),
        noun_homographs=frozenset(grammar_words("noun_homographs")),
        editorial_labels=frozenset(grammar_words("editorial_labels")),
        government_group_heads=grammar_words("government_group_heads"),
        organisation_group_heads=grammar_words("organisation_group_heads"),
        time_words=frozenset(w.lower() for w in grammar_words("time_nouns") + grammar_words("days")
                             + grammar_words("months")),
        time_fillers=frozenset(("this", "that", "last", "past", "next", "the", "a", "early",
                                "late", "same", "following", "previous")),
    )
    sources = {key: value for key, value in fields.items() if isinstance(value, _Source)}
    return Grammar(**{**fields, **compile_patterns("sources-grammar", sources)})


class _Source(tuple):
    """A pattern and its flags, to be compiled with the others (:func:`compile_patterns`)."""


def _source(pattern: str, flags: int = 0) -> _Source:
    return _Source((pattern, flags))


# Each capital beyond U+00FF as the capital thorn (U+00DE), which no lexicon word holds: the
# grammar's capital classes then need only Latin-1 (``LATIN1_UPPER``) and compile fast.
_WIDE_CAPITALS = str.maketrans(dict.fromkeys(WIDE_UPPER, "\u00de"))
_PRONOUN_CLITIC = re.compile(r"(?<![\w'-])(?:He|She|It|They|We|I)(?=['\u2019][a-z])")


def matching_copy(text: str) -> str:
    """``text`` prepared for the source grammar, keeping every offset: capitalised function
    words and sentence openers are lower-cased ("The" -> "the", "But" -> "but") so that they
    never start a name, the space after an organisation head before "in/on/for/at" becomes
    ``\\x01`` so that "Embassy in the United States" stays one name, and a horizontal bar
    (U+2015) reads as an em dash."""
    g = grammar()
    text = text.translate(_WIDE_CAPITALS)
    text = g.lowered.sub(lambda m: m.group()[0].lower() + m.group()[1:], text)
    text = text.replace("\u2015", "\u2014")  # a horizontal bar is a dash (HuffPost's style)
    # "He's", "They're": a pronoun with a clitic is no name either
    text = _PRONOUN_CLITIC.sub(lambda m: m.group().lower(), text)
    return g.org_connector.sub(lambda m: m.group()[:-1] + "\x01", text)
