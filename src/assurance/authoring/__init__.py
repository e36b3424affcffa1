"""Tools for rule authors: lint, scaffold, explain, reference evaluation, docs and schema.

Rule authors are analysts, not software engineers, so every tool here speaks in the
rule file's own terms (aliases, fields, conditions, line and column) and says how to
fix what it finds. Nothing here prints: the ``assure rules`` and ``assure explain``
commands render what these modules return.

- :mod:`~assurance.authoring.evaluate`: a rule's conditions and joins evaluated in
  plain Python, to say why a rule did or did not fire;
- :mod:`~assurance.authoring.lint`: every problem of every rule file, located;
- :mod:`~assurance.authoring.scaffold`: a new rule file from a few answers;
- :mod:`~assurance.authoring.explain`: why a finding was raised, or why a rule was not;
- :mod:`~assurance.authoring.docs`: ``docs/rules.md`` generated from the rule files;
- :mod:`~assurance.authoring.schema`: the JSON Schema editors use to check rule files.
"""
