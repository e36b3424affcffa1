"""The ``assure`` command: a thin click layer over the :mod:`assurance` library."""
