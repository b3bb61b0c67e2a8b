"""Documentation trees: every document of a folder in every language, in one run.

``parallelcheck check DIR`` and :func:`check_tree` pair a tree's files into documents by a
layout (:mod:`.layout`), check each document against its source version on a pool of worker
processes or a Dask cluster (:mod:`.run`), and report the whole tree (:mod:`.report`).
"""

from .run import TreeDocument, TreeReport, check_tree, plan_tree

__all__ = ["TreeDocument", "TreeReport", "check_tree", "plan_tree"]
