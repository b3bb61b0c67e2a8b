"""Fingerprints of findings, and baselines of accepted findings.

A team adopting the gate on an existing corpus records today's findings
(``--write-baseline FILE``) and from then on fails only on new ones (``--baseline FILE``).
A fingerprint must survive unrelated edits elsewhere in the document, so it hashes what the
finding is about — rule, language, the normalised text at fault and the normalised reference
text — and never offsets or paragraph numbers. Identical fingerprints are counted: a baseline
that accepted one occurrence does not hide a second, new one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .atomic import write_text_atomic
from .errors import InputError
from .model import Finding, Report

BASELINE_SCHEMA = "parallelcheck/baseline/v1"
FINGERPRINT_VERSION = "v1"  # bump when what the hash covers changes (old baselines then match nothing)


def _normalise(text: str) -> str:
    # NFKC folds full-width and compatibility forms; casefold and whitespace collapsing make
    # re-wrapping or re-casing an unrelated edit.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def fingerprint(finding: Finding, text_at_fault: str) -> str:
    """The fingerprint of ``finding``, whose span in its version's text is ``text_at_fault``."""
    reference = finding.reference.text if finding.reference is not None else ""
    parts = (FINGERPRINT_VERSION, finding.rule, finding.language, _normalise(text_at_fault), _normalise(reference))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def with_fingerprints(findings: Iterable[Finding], texts: dict[str, str]) -> list[Finding]:
    """``findings`` with their fingerprints set; ``texts`` maps a language to its version's
    full text (the one the offsets point into)."""
    out = []
    given: set[str] = set()
    for f in findings:
        text = texts.get(f.language, "")
        fp = fingerprint(f, text[f.location.start : f.location.end])
        if fp in given:
            # Another finding on the same text with the same reference (two names missing
            # from one paragraph, «CNN» and «MSNBC»): told apart by what it is about, the
            # first «…» its message quotes, then by its rank, so that a label, a baseline
            # entry or a suppression of one is not taken for the other. The first keeps the
            # plain fingerprint.
            subject = _SUBJECT.search(f.message)
            salts = itertools.chain([subject.group(1)] if subject else [], (f"#{n}" for n in itertools.count(2)))
            fp = next(s for s in (_salted(fp, salt) for salt in salts) if s not in given)
        given.add(fp)
        out.append(replace(f, fingerprint=fp))
    return out


_SUBJECT = re.compile(r"«([^»]*)»")


def _salted(fp: str, salt: str) -> str:
    return hashlib.sha256(f"{fp}\x1f{_normalise(salt)}".encode("utf-8")).hexdigest()[:24]


def write_baseline(report: Report, path: str | Path) -> int:
    """Record the report's findings in a baseline file; returns how many were recorded.

    The file is sorted JSON with no timestamps, so it diffs cleanly under version control;
    rule, language and message are kept beside each fingerprint for the human reviewer.
    """
    return write_entries(path, (
        {"fingerprint": f.fingerprint, "rule": f.rule, "language": f.language, "message": " ".join(f.message.split())}
        for f in report.findings))


def write_entries(path: str | Path, entries) -> int:
    """Write baseline ``entries`` (dicts, sorted here by every key they hold, in order) as the
    baseline file ``path``, atomically; returns how many."""
    entries = sorted(entries, key=lambda e: tuple(e.values()))
    data = {"schema": BASELINE_SCHEMA, "findings": entries}
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")  # never half a baseline
    except OSError as exc:
        raise InputError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(path: str | Path) -> Counter[str]:
    """The accepted fingerprints of a baseline file, with their counts."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not a parallelcheck baseline (invalid JSON: {exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a parallelcheck baseline (expected schema '{BASELINE_SCHEMA}')")
    counts: Counter[str] = Counter()
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: not a parallelcheck baseline (an entry has no fingerprint)")
        counts[entry["fingerprint"]] += 1
    return counts


def apply_baseline(findings: Sequence[Finding], accepted: Counter[str]) -> tuple[list[Finding], int]:
    """Split off the findings a baseline accepts: returns (new findings, number suppressed)."""
    left = Counter(accepted)
    kept, suppressed = [], 0
    for f in findings:
        if left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
            suppressed += 1
        else:
            kept.append(f)
    return kept, suppressed
