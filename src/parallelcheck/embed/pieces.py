"""Bounded embedding: a text longer than :attr:`Limits.embed_chars` is encoded by pieces.

The encoders' memory grows with the tokens of the longest text in a call (the bundled
model allocates n_tokens x 1,280 floats; sentence-transformers tokenises the whole string
before it truncates). :class:`PieceEmbedder` wraps any embedder: texts within the limit go
through unchanged (so results on normal documents are identical), longer ones are cut at a
space or punctuation near the limit and their vector is the length-weighted mean of the
pieces' vectors, normalised; of a very long text only :attr:`Limits.embed_pieces` pieces,
spread evenly, are encoded. Memory is O(limit) in the encoder; time O(text) to cut it and
O(limit x pieces) to encode it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..limits import LIMITS, Limits

__all__ = ["PieceEmbedder", "split_for_embedding"]

# Where a cut may fall: after whitespace or after sentence/clause punctuation.
_BREAK = re.compile(r"[\s.,;:!?。、！？，；：）)」』】]")


def split_for_embedding(text: str, max_chars: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``max_chars`` code points, each cut after a
    space or punctuation in its last quarter when there is one (else hard). The pieces
    concatenate back to ``text``; whitespace-only pieces are dropped."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    pieces: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + max_chars)
        if end < n:
            floor = pos + (3 * max_chars) // 4
            cut = None
            for m in _BREAK.finditer(text, floor, end):
                cut = m.end()
            if cut is not None and cut > pos:
                end = cut
        piece = text[pos:end]
        if piece.strip():
            pieces.append(piece)
        pos = end
    return pieces


class PieceEmbedder:
    """An :class:`~parallelcheck.embed.Embedder` whose memory does not grow with text length.

    Everything but :meth:`encode` (``name``, ``dim``, ``info``, ``stats``, ``close``...) is the
    inner embedder's.
    """

    def __init__(self, inner: Any, limits: Limits = LIMITS) -> None:
        self.inner = inner
        self.limits = limits

    def __getattr__(self, name: str) -> Any:  # name, dim, info, stats, cache_id, close...
        return getattr(self.inner, name)

    def encode(self, texts: Sequence[str]):
        import numpy as np

        texts = list(texts)
        limit = self.limits.embed_chars
        if all(len(t) <= limit for t in texts):
            return self.inner.encode(texts)
        # Each long text becomes its pieces; short ones stay whole. Encoded in batches so
        # that the pieces in flight stay bounded too.
        flat: list[str] = []
        owner: list[int] = []
        for i, t in enumerate(texts):
            parts = split_for_embedding(t, limit) if len(t) > limit else [t]
            if len(parts) > self.limits.embed_pieces:  # evenly spread, first and last kept
                k = self.limits.embed_pieces
                parts = [parts[(j * (len(parts) - 1)) // (k - 1)] for j in range(k)] if k > 1 else parts[:1]
            if not parts:  # only whitespace: encode as is (short after strip)
                parts = [t[:limit]]
            flat.extend(parts)
            owner.extend([i] * len(parts))
        sums: Any = None
        step = self.limits.embed_batch
        for lo in range(0, len(flat), step):
            vecs = np.asarray(self.inner.encode(flat[lo : lo + step]), dtype=np.float64)
            if sums is None:
                sums = np.zeros((len(texts), vecs.shape[1]), dtype=np.float64)
            weights = np.fromiter((len(p) for p in flat[lo : lo + step]), dtype=np.float64)
            np.add.at(sums, np.asarray(owner[lo : lo + step]), vecs * weights[:, None])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (sums / norms).astype(np.float32)
