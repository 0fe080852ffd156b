"""The English Snowball (Porter 2) stemmer, equal to NLTK's ``SnowballStemmer("english")``.

The steps are those of the published algorithm
(https://snowballstem.org/algorithms/english/stemmer.html): mark the consonant ``y`` as
``Y``, find the regions R1 and R2, then remove or replace suffixes in steps 0, 1a, 1b, 1c, 2,
3, 4 and 5, each step acting on the longest suffix of its table the word ends with (and doing
nothing more when that suffix is not in the region its rule asks for).

NLTK (``nltk.stem.snowball.EnglishStemmer``, NLTK 3.10) is the reference:
``tests/test_stemmer.py`` compares the two on chosen words and on generated strings, and
``benchmarks/check_stems.py`` on every word of a folder of articles. Where NLTK departs from
the published algorithm, this module does as NLTK does:

* the word is lower-cased first; a word of at most two characters, or one of NLTK's special
  words (``_SPECIAL``), is returned as it is or as the table says. The table is read before
  step 0, so a possessive misses it (``news'`` gives ``new``). Then the apostrophes U+2018,
  U+2019 and U+201B become ``'`` and one leading ``'`` is dropped;
* ``y`` after a vowel becomes ``Y`` from left to right, so a ``y`` after a ``Y`` stays a
  vowel (``ayyy`` gives ``aYyY``);
* R1 and R2 are not positions but text that follows the word's end: NLTK keeps them as
  strings and edits them with the word. Here they are kept as lengths (``r1``, ``r2``: how
  many of the word's last characters are in the region) and edited as NLTK edits its
  strings (:func:`_swap`). A region shorter than the part a rule replaces becomes empty,
  except R2 after ``ational``/``ation``/``ator`` to ``ate`` and ``iveness``/``iviti`` to
  ``ive`` in step 2, which becomes the final ``e``; after ``at``, ``bl`` or ``iz`` gets its
  ``e`` in step 1b, R1 always grows by it, and R2 does when the word is longer than five
  letters or R1 is three or more;
* step 1b's "short word" test reads only the last three letters (or two, for a two-letter
  word), and step 5's "short syllable" test only the last four (a three-letter word keeps
  its ``e``).

The module does not import NLTK.
"""

from __future__ import annotations

import re

_VOWELS = frozenset("aeiouy")
_NOT_SHORT_END = frozenset("aeiouywxY")  # what cannot end a short syllable
_DOUBLES = frozenset(("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"))
_LI_ENDING = frozenset("cdeghkmnrt")
_APOSTROPHES = str.maketrans("\u2018\u2019\u201b", "'''")
_VOWEL_CONSONANT = re.compile("[aeiouy][^aeiouy]")

_SPECIAL = {
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
    "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
    "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
    "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    **{word: "inning" for word in ("inning", "innings")},
    **{word: "outing" for word in ("outing", "outings")},
    **{word: "canning" for word in ("canning", "cannings")},
    **{word: "herring" for word in ("herring", "herrings")},
    **{word: "earring" for word in ("earring", "earrings")},
    **{stem + ending: stem for stem in ("proceed", "exceed", "succeed")
       for ending in ("", "s", "ed", "ing")},
}
_PREFIXES = {"gener": 5, "arsen": 5, "commun": 6}  # R1 starts after these

# Step 2 and 3: suffix -> (the tail the rule replaces, its replacement, R2 when shorter than
# that tail). The tail is what NLTK edits in its R1 and R2 strings.
_STEP2 = {
    "tional": ("al", "", 0), "enci": ("i", "e", 0), "anci": ("i", "e", 0),
    "abli": ("i", "e", 0), "entli": ("li", "", 0), "izer": ("izer", "ize", 0),
    "ization": ("ization", "ize", 0), "ational": ("ational", "ate", 1),
    "ation": ("ation", "ate", 1), "ator": ("ator", "ate", 1), "alism": ("alism", "al", 0),
    "aliti": ("aliti", "al", 0), "alli": ("alli", "al", 0), "fulness": ("ness", "", 0),
    "ousli": ("ousli", "ous", 0), "ousness": ("ousness", "ous", 0),
    "iveness": ("iveness", "ive", 1), "iviti": ("iviti", "ive", 1),
    "biliti": ("biliti", "ble", 0), "bli": ("bli", "ble", 0), "ogi": ("i", "", 0),
    "fulli": ("li", "", 0), "lessli": ("li", "", 0), "li": ("li", "", 0),
}
_STEP3 = {
    "tional": ("al", "", 0), "ational": ("ational", "ate", 0), "alize": ("ize", "", 0),
    "icate": ("icate", "ic", 0), "iciti": ("iciti", "ic", 0), "ical": ("ical", "ic", 0),
    "ful": ("ful", "", 0), "ness": ("ness", "", 0), "ative": ("ative", "", 0),
}
_STEP2_ENDINGS, _STEP3_ENDINGS = tuple(_STEP2), tuple(_STEP3)
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")  # longest first
_STEP4 = ("ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
          "ous", "ive", "ize", "ion", "al", "er", "ic")
_STEP4_BY_LENGTH = tuple((n, frozenset(s for s in _STEP4 if len(s) == n)) for n in (5, 4, 3, 2))


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of ``word``, as NLTK's English Snowball stemmer gives it
    (lower case)."""
    word = word.lower()
    if len(word) <= 2:
        return word
    if word in _SPECIAL:
        return _SPECIAL[word]
    if not word.isascii():
        word = word.translate(_APOSTROPHES)
    if word[0] == "'":
        word = word[1:]
    if "y" in word:
        word = _mark_consonant_y(word)
    r1, r2 = _regions(word)
    word, r1, r2 = _step0_1a(word, r1, r2)
    word, r1, r2 = _step1b(word, r1, r2)
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:  # step 1c
        word, r1, r2 = _swap(word, r1, r2, word[-1], "i")
    word, r1, r2 = _step2_3(word, r1, r2)
    word, r1, r2 = _step4(word, r1, r2)
    return _step5(word, r1, r2).replace("Y", "y")


class EnglishStemmer:
    """The stemmer as an object with a ``stem`` method, like NLTK's stemmers."""

    def stem(self, word: str) -> str:
        """The stem of ``word`` (see :func:`stem`)."""
        return stem(word)


def _mark_consonant_y(word: str) -> str:
    """``word`` with an initial ``y`` and each ``y`` after a vowel written ``Y``, from left
    to right (a ``Y`` is no vowel)."""
    chars = list(word)
    if chars[0] == "y":
        chars[0] = "Y"
    for i in range(1, len(chars)):
        if chars[i] == "y" and chars[i - 1] in _VOWELS:
            chars[i] = "Y"
    return "".join(chars)


def _region_start(word: str, start: int) -> int:
    """Where the region after the first non-vowel following a vowel, at or after ``start``,
    begins (the word's length when there is none)."""
    found = _VOWEL_CONSONANT.search(word, start)
    return found.end() if found else len(word)


def _regions(word: str) -> tuple[int, int]:
    """The lengths of R1 and R2: how many of the word's last characters each holds."""
    for prefix, length in _PREFIXES.items():
        if word.startswith(prefix):
            p1 = length
            break
    else:
        p1 = _region_start(word, 0)
    p2 = _region_start(word, p1)
    return len(word) - p1, len(word) - p2


def _swap(word: str, r1: int, r2: int, old: str, new: str,
          short_r2: int = 0) -> tuple[str, int, int]:
    """Replace the tail ``old`` of ``word`` by ``new``. A region at least as long as ``old``
    changes with the word; a shorter one becomes empty (R2 becomes ``short_r2`` long)."""
    change = len(new) - len(old)
    word = word[:len(word) - len(old)] + new
    r1 = r1 + change if r1 >= len(old) else 0
    r2 = r2 + change if r2 >= len(old) else short_r2
    return word, r1, r2


def _step0_1a(word: str, r1: int, r2: int) -> tuple[str, int, int]:
    """Step 0 (drop ``'s'``, ``'s`` or ``'``) and step 1a (plural ``s``)."""
    for suffix in ("'s'", "'s", "'"):
        if word.endswith(suffix):
            word, r1, r2 = _swap(word, r1, r2, suffix, "")
            break
    if word.endswith("sses"):
        return _swap(word, r1, r2, "es", "")
    if word.endswith(("ied", "ies")):
        return _swap(word, r1, r2, word[-2:] if len(word) > 4 else word[-1], "")
    if word.endswith(("us", "ss")) or not word.endswith("s"):
        return word, r1, r2
    if any(c in _VOWELS for c in word[:-2]):  # a vowel not just before the s
        return _swap(word, r1, r2, "s", "")
    return word, r1, r2


def _step1b(word: str, r1: int, r2: int) -> tuple[str, int, int]:
    """Step 1b: ``eed``/``eedly`` in R1 become ``ee``; ``ed``, ``edly``, ``ing``, ``ingly``
    after a vowel go, then ``e`` is added, a double consonant undone, or a short word given
    its ``e``."""
    if not word.endswith(_STEP1B):
        return word, r1, r2
    suffix = next(suffix for suffix in _STEP1B if word.endswith(suffix))
    if suffix in ("eed", "eedly"):
        return _swap(word, r1, r2, suffix, "ee") if r1 >= len(suffix) else (word, r1, r2)
    if not any(c in _VOWELS for c in word[:-len(suffix)]):
        return word, r1, r2
    word, r1, r2 = _swap(word, r1, r2, suffix, "")
    if word.endswith(("at", "bl", "iz")):
        word, r1 = word + "e", r1 + 1
        return word, r1, r2 + 1 if len(word) > 5 or r1 >= 3 else r2
    if word[-2:] in _DOUBLES:
        return _swap(word, r1, r2, word[-1], "")
    if r1 == 0 and _short_end(word):
        return word + "e", r1, r2
    return word, r1, r2


def _short_end(word: str) -> bool:
    """Step 1b's short word, as NLTK tests it: consonant, vowel, consonant other than ``w``,
    ``x`` or ``Y`` at the end, or a two-letter word of a vowel and a consonant."""
    if len(word) >= 3:
        return (word[-1] not in _NOT_SHORT_END and word[-2] in _VOWELS
                and word[-3] not in _VOWELS)
    return len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS


def _longest(word: str, table: dict, endings: tuple[str, ...]) -> str | None:
    """The longest suffix of ``word`` in ``table``, whose keys are ``endings`` (None when
    there is none)."""
    if not word.endswith(endings):
        return None
    for n in (7, 6, 5, 4, 3, 2):
        if word[-n:] in table and len(word) >= n:
            return word[-n:]
    return None


def _step2_3(word: str, r1: int, r2: int) -> tuple[str, int, int]:
    """Steps 2 and 3: derivational suffixes in R1 (``ative`` in R2) replaced or removed."""
    suffix = _longest(word, _STEP2, _STEP2_ENDINGS)
    if suffix and r1 >= len(suffix) and (
            suffix not in ("ogi", "li") or word[-len(suffix) - 1] in
            ("l" if suffix == "ogi" else _LI_ENDING)):
        word, r1, r2 = _swap(word, r1, r2, *_STEP2[suffix])
    suffix = _longest(word, _STEP3, _STEP3_ENDINGS)
    if suffix and r1 >= len(suffix) and (suffix != "ative" or r2 >= 5):
        word, r1, r2 = _swap(word, r1, r2, *_STEP3[suffix])
    return word, r1, r2


def _step4(word: str, r1: int, r2: int) -> tuple[str, int, int]:
    """Step 4: the longest of the step's suffixes goes when it is in R2 (``ion`` only after
    ``s`` or ``t``)."""
    if not word.endswith(_STEP4):
        return word, r1, r2
    for n, suffixes in _STEP4_BY_LENGTH:
        suffix = word[-n:]
        if suffix in suffixes and len(word) >= n:
            if r2 >= n and (suffix != "ion" or word[-4] in "st"):
                return _swap(word, r1, r2, suffix, "")
            return word, r1, r2
    return word, r1, r2


def _step5(word: str, r1: int, r2: int) -> str:
    """Step 5: a final ``l`` after ``l`` in R2 goes; a final ``e`` goes in R2, or in R1 when
    a short syllable (as NLTK tests it) does not come before it."""
    if r2 and word.endswith("ll"):
        return word[:-1]
    if not word.endswith("e"):
        return word
    if r2:
        return word[:-1]
    if r1 and len(word) >= 4 and not (word[-2] not in _NOT_SHORT_END and word[-3] in _VOWELS
                                      and word[-4] not in _VOWELS):
        return word[:-1]
    return word
