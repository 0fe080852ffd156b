"""The actors lens: who the articles are about, and how each article names them ("Donald
Trump", "President Trump" or "Mr. Trump"; "Russia", "Moscow" or "the Kremlin").

Naming and labelling choices are a classic framing device (Entman 1993: selection and
salience; Semetko & Valkenburg 2000 code which actors a story holds responsible).

Two ways to choose the actors, by the ``lexicon`` keyword of :func:`mentions`, :func:`naming`
and :func:`kwic`:

- ``lexicon=None`` (the default): the actors found in the articles themselves
  (:func:`found`; method and limits in :mod:`analysis.actors.discovery`): the people,
  organisations and places mentioned most, one name each across the articles, each mention
  with its naming form ("Mr. Trump", "the president").
- an event file: ``lexicon="actors.tsv"`` (the seed story's actors and aliases), a path to a
  researcher's own file in that format, or a DataFrame (:mod:`analysis.actors.event`). A file
  name without a folder is looked up in ``analysis/lexicons/``; a relative path with a folder
  is read from the project root; an absolute path as it is.

Datelines ("WASHINGTON —") are never actor mentions.

Reference: Entman, R. M. (1993) Framing: toward clarification of a fractured paradigm.
Journal of Communication 43(4), 51-58.
"""

from .discovery import FOUND_COLUMNS, TOP, found
from .event import COLUMNS, LEXICON
from .tables import NAMING_COLUMNS, kwic, mentions, naming, word_groups

__all__ = ["found", "mentions", "naming", "kwic", "word_groups", "LEXICON", "TOP", "COLUMNS",
           "FOUND_COLUMNS", "NAMING_COLUMNS"]
