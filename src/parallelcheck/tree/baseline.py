"""Baselines of a documentation tree: the accepted findings keyed by document path.

The file is the ``parallelcheck/baseline/v1`` format with a ``document`` beside each entry, so
a finding accepted in one page does not hide the same text's finding in another page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..baseline import BASELINE_SCHEMA, apply_baseline, write_entries
from ..errors import InputError
from ..model import Finding


def write_tree_baseline(tree, path: str | Path) -> int:
    """Record every finding of a :class:`~parallelcheck.tree.run.TreeReport`; returns how many."""
    return write_entries(path, (
        {"document": d.path, "fingerprint": f.fingerprint, "rule": f.rule, "language": f.language,
         "message": " ".join(f.message.split())} for d in tree.documents for f in d.findings))


def load_tree_baseline(path: str | Path) -> dict[str, Counter[str]]:
    """Accepted fingerprints per document path (entries without a document apply to none)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not a parallelcheck baseline (invalid JSON: {exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a parallelcheck baseline (expected schema '{BASELINE_SCHEMA}')")
    out: dict[str, Counter[str]] = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: not a parallelcheck baseline (an entry has no fingerprint)")
        out.setdefault(str(entry.get("document", "")), Counter())[entry["fingerprint"]] += 1
    return out


def apply_tree_baseline(document: str, findings: Sequence[Finding],
                        accepted: dict[str, Counter[str]]) -> tuple[list[Finding], int]:
    """(findings the baseline does not accept for this document, number suppressed)."""
    return apply_baseline(findings, accepted.get(document, Counter()))
