"""PC105's row test: a unit that matches every other version of its row much worse than
they match each other.

The first test (``drift.py``) compares a unit with its pivot counterpart against how well
the language pair matches elsewhere in the document. Where all the lines of a page embed
alike — tldr's one-line imperative descriptions, «Create an archive:» beside «List the
files:» — a line replaced by another one still scores near the usual and passes. The row
gives the evidence the pair lacks: the other versions of a faithful line agree with it
about as well as with each other; a replaced line agrees with none of them, while they
still agree among themselves.

Only list items are judged: a list's items are alike by construction (the pair test has
nothing to calibrate on there), while in prose a short or idiomatic sentence (NTREX zh
«名师出高徒» for «He had so many heroes.») agrees loosely with every version and still
belongs there — the pair test, calibrated on the document's sentences, judges those.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..align.nway import content_length
from ..model import Finding
from .base import CheckContext, Rule, shorten


def run(ctx: CheckContext, rule: Rule, seen: set) -> Iterator[Finding]:
    """PC105 findings for the units of non-pivot versions that are the odd one out of their
    row; ``seen`` holds ``(language, segment indices)`` already reported (and gets these)."""
    limits = ctx.settings.odd_one_out
    pivot = ctx.pivot
    psegs = ctx.segments[pivot]
    for k in range(len(psegs)):
        if psegs[k].kind != "item":
            continue  # prose: the pair test (drift.py) has the document's sentences to calibrate on
        if content_length(psegs[k].text) > limits.max_item_chars:
            continue  # an item the length of a prose sentence: the pair test judges it as one
        # the row of pivot unit k: each version's unit (segment group) matched to it
        row = {pivot: (k,)}
        for lang in ctx.others:
            bead = ctx.pivot_beads[lang].get(k)
            if bead is not None and bead.b and bead.a == (k,):
                row[lang] = bead.b
        if len(row) < limits.min_versions:
            continue
        langs = list(row)
        sim = {(x, y): ctx.similarity(x, row[x], y, row[y]) for i, x in enumerate(langs) for y in langs[i + 1:]}
        for lang in ctx.others:
            if lang not in row or (lang, row[lang]) in seen:
                continue
            own = float(np.mean([v for pair, v in sim.items() if lang in pair]))
            rest = float(np.mean([v for pair, v in sim.items() if lang not in pair]))
            if rest <= 0 or own >= limits.ratio * rest or own >= limits.max_similarity:
                continue
            seen.add((lang, row[lang]))
            ratio = own / rest
            ref_text = psegs[k].text
            yield rule.finding(
                language=lang,
                location=ctx.location(lang, row[lang]),
                reference=ctx.reference(pivot, (k,), ref_text),
                score=ratio,
                severity="error" if ratio < limits.error else "warning",
                message=(
                    f"this does not seem to say what the other versions say here (it matches them "
                    f"{own:.2f} on average, where they match each other {rest:.2f}): {pivot} "
                    f"¶{psegs[k].paragraph} «{shorten(ctx.quote_segments(pivot, (k,)))}»"
                ),
            )
