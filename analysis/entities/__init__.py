"""Named entities by rule: the people, organisations and places an article mentions.

Method. No statistical tagger is used (NLTK's chunker and tagger need data that is not
available): names are found in each sentence of the normalised paragraph text, in three steps.

1. Known names. Every variant in ``lexicons/source_aliases.tsv`` ("New York Times", "NYT",
   "@nytimes", "Kremlin" ...) is matched first and gets that file's canonical name and kind.
2. Capitalised spans. Runs of capitalised words, joined by "of", "de", "al" and similar, and by
   "in/on/for/at" only after an organisation head ("Embassy in the United States", "Convention
   on Diplomatic Relations"). Capitalised function words and sentence openers ("The",
   "According", "In"; ``not_name`` in the gazetteer) never start a name.
3. Classification with ``lexicons/entity_gazetteer.tsv``: a place (country, city, or a place
   head such as "Base", "Camp"); an organisation when the word before any "of/in" is an
   organisation head ("Ministry", "Embassy", "Times", "Agency", "Center" ...) or a named group;
   a person after a title ("President Donald Trump", "Sgt. 1st Class Michael Goble"; the title
   is left out of the canonical name) or when the span is two to four ordinary capitalised
   words ("Hugh Hill"). A single word that is the surname of a person named in full anywhere
   in the article is that person ("Trump" -> "Donald Trump"). A single unknown capitalised word
   at the start of a sentence is dropped (it is more often an ordinary word than a name); one
   elsewhere is kept as ``other``. A nationality word alone ("Russian") is not a name.

Types: ``person``, ``organisation``, ``place``, ``other`` (documents, handles, unknown names).
``kind`` is the source kind the name would have when it speaks (media, government, person,
document, social, other; a place speaking is its government).

Limits: names written in lower case, or as one unknown word at a sentence start, are missed;
two names written side by side without punctuation run together; a person known by one name
only ("Madonna") is ``other``; "Washington" is always the city; nicknames and spelling
variants are not merged unless the alias file lists them.
"""

from .gazetteer import ENTITY_TYPES
from .tables import COUNT_COLUMNS, MENTION_COLUMNS, counts, mentions

__all__ = ["mentions", "counts", "ENTITY_TYPES", "MENTION_COLUMNS", "COUNT_COLUMNS"]
