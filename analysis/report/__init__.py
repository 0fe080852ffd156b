"""Report out: everything that turns lens results into something to read or send.

- :mod:`.prose` generates sentences from results, so a notebook's text stays true on any input;
  :mod:`.summary` makes the one-page comparison and its list of differences.
- :mod:`.plots` draws the figures; :mod:`.display` sets up notebooks and escapes Markdown.
- :mod:`.notebooks` finds the story notebooks and their parameters; :mod:`.execute` runs them
  (the one executor for ``make notebooks``, ``framing report`` and ``framing compare``);
  :mod:`.html` renders them as safe HTML; :mod:`.index` writes the front page; :mod:`.build`
  makes a whole report folder; :mod:`.cli` is the ``framing`` command.

Nothing heavy is imported here: pyplot loads with :mod:`.plots`, nbconvert and papermill with
:mod:`.html` and :mod:`.execute`.
"""
