"""PC4xx: pages of a documentation tree (``parallelcheck check DIR``).

These rules are about which languages have a page at all, so they are decided by the tree
runner (:mod:`parallelcheck.tree.run`), not by a document's content: ``run`` finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from .base import Rule

MISSING_PAGE = Rule(
    "PC401", "missing-page", "missing", "warning",
    "A page of the documentation tree that the source language has and this translation lacks, "
    "while other translations have it (a page translated into no language at all is listed in the "
    "report, not a finding). A warning: lagging localisations are normal; the report counts them.",
    example="content/en/docs/labels.md and content/ja/docs/labels.md exist, content/fr/docs/labels.md "
            "does not: PC401 on fr.",
)
ORPHAN_PAGE = Rule(
    "PC402", "orphan-page", "added", "info",
    "A translation page with no source page: the source page was renamed or deleted, or the "
    "translation was filed under another path. Its content is not checked (there is nothing to check "
    "it against).",
    example="pages.fr/common/old-name.md with no pages/common/old-name.md: PC402 on fr.",
)

RULES = (MISSING_PAGE, ORPHAN_PAGE)


def run(ctx) -> Iterator[Finding]:
    """Document checks call every module's ``run``; page rules run in the tree runner."""
    return iter(())
