"""Size limits that keep memory and time bounded on any input the loader accepts.

Every stage is linear (or linear times a constant band) in the size of its input except
where a limit here caps it; each field says what it bounds and how it was measured
(``python -m benchmarks.limits``, on the shared 2-core machine, RESULTS §"Limits").
On normal documents none of them is reached, so results there are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    # Longest text (code points) handed to the encoder in one piece. The bundled encoder's
    # working set is about 12 KB per token (n_tokens x 1,280 float32 features plus the
    # n-gram windows); a 10 MB line as one text asked for 9.5 GiB. Longer texts are cut
    # at a space or punctuation near the limit and their vector is the length-weighted
    # mean of the pieces' vectors. 2,000 characters is ~500-2,000 tokens (~6-25 MB); the
    # longest segment of the example is 236 characters and of the NTREX fixtures 591, so
    # normal sentences are never cut.
    embed_chars: int = 2000
    # At most this many pieces of one text are encoded, spread evenly over it (first and last
    # included): a text of more than embed_chars x embed_pieces (16,000) characters is no
    # sentence, and its vector only has to place it. Bounds encoder *time* per text: the
    # bundled encoder does ~3,000-10,000 tokens/s here, so a 10 MB line encoded whole took
    # over 10 minutes; the verification pass encodes up to 40 clause pieces of a segment.
    embed_pieces: int = 8
    # Calibration (the typical similarity of a language pair in a document) takes the best
    # match of each unit among all units of the other version: O(n x m). Above this many
    # units it is estimated on an even sample of this many (a quantile of best matches: the
    # sample's 0.6-quantile is within about 1% in rank). Documents up to 4,000 units a
    # version are unchanged. 50,000 x 50,000 one-word paragraphs took minutes without it.
    calibration_rows: int = 4_000
    # Largest similarity block held at once (cells, float64: 32 MB): the rows of one
    # product chunk are this divided by the other side's units. Was 2,048 rows fixed, i.e.
    # 820 MB against 50,000 paragraphs.
    product_cells: int = 4_194_304
    # The banded aligner keeps, for each side, the vector of every group of 1-4 consecutive
    # units (align/pairwise._unit_groups: 4 x units x 512 float64). Above this many floats
    # (8,388,608 = 64 MB, i.e. more than 4,095 units a side) the groups are computed on
    # demand for the band's columns instead: 50,000 paragraphs a version took 820 MB a side.
    group_cells: int = 8_388_608
    # Paragraph and consensus vectors are sums of segment vectors, kept in float64 (4 KB a
    # unit). Above this many units a version they are float32, as the segment vectors are:
    # 50,000 paragraphs took 205 MB a copy. Normal documents keep float64 (unchanged).
    float64_units: int = 4_096
    # Longest run of words (no digit or punctuation inside) that the number-word reader
    # (quantities._number_words) converts in one go: it lines the run up with its converted
    # form word by word (difflib, quadratic in the words of a run) and text2num holds ~50
    # bytes per character. Longer runs are cut at a space. A sentence's runs are far
    # shorter (the longest in the NTREX fixture: ~200 characters); a 10 MB line of words
    # reached 1.07 GB here before.
    number_run_chars: int = 1000
    # Texts per encoder call when pieces are encoded (bounds the list of pieces in flight).
    embed_batch: int = 256


LIMITS = Limits()
