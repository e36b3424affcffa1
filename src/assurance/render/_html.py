"""Escaping and page assembly shared by the graph and the report.

Two rules keep user text inert in every page we write:

- text goes into markup only through :func:`text` (``html.escape`` with quotes), and
  into scripts only as JSON built by :func:`script_json`, inside
  ``<script type="application/json">``, with ``<``, ``>`` and ``&`` escaped as
  ``\\u003c``... so no string can close the element or open a comment;
- every page carries a Content Security Policy that allows only the page's own inline
  scripts, by hash, and no request to anywhere: if an escaping mistake ever slipped
  through, an injected ``<img onerror>`` or ``<script>`` would still not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib.resources import files
from typing import Any

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def text(value: object) -> str:
    """User text, escaped for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element."""
    dumped = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # str.replace per character runs in C: a national graph's 20 MB of JSON in 0.1 s,
    # where a Python loop over its characters took 10 s
    for char, escaped in _JSON_ESCAPES.items():
        dumped = dumped.replace(char, escaped)
    return dumped


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*scripts: str) -> str:
    """A policy allowing exactly ``scripts`` (inline, by hash) and no network at all."""
    script_src = " ".join(script_hash(s) for s in scripts) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def template(name: str) -> str:
    """A file from ``assurance/render/templates``."""
    return files("assurance.render").joinpath("templates", name).read_text(encoding="utf-8")
