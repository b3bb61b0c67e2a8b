"""Speed, memory and growth: five versions of 100, 1,000 and 10,000 sentences.

    python -m benchmarks.speed --data ../shared/data/ntrex [--sizes 100,1000,10000] [--languages 2,3,5]

Documents are NTREX-128 news stories concatenated in order (paragraphs of 2-5 sentences,
as in the defect benchmark) until each version has the wanted number of sentences; past
the corpus' end (1,997 sentences) it starts again with the repetition number appended to
every sentence, so that no text repeats and every sentence is really encoded. Each
configuration runs in a fresh process (so peak RSS is its own) with an empty embedding
cache, then once more with the cache warm. Stage times come from the pipeline's own
progress events; model load is timed apart. "piece encodes" counts the texts sent to the
encoder beyond the segments themselves (clause pieces, segment ends, openings and lost
clauses that verification and the checks look at): work the aligner and the checks share
since the checks reuse the aligner's piece matchers.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import machine, peak_rss_mb, table, write_json
from .defects import JOIN, load_parallel, paragraphs

STAGES = ("load", "segment", "embed", "align", "check", "report")


def build_texts(data: Path, sentences: int, languages: int) -> dict[str, str]:
    corpus = load_parallel(data)
    langs = list(corpus[0][1])[:languages]
    paras: dict[str, list[str]] = {lang: [] for lang in langs}
    count, rep = 0, 0
    while count < sentences:
        for doc, lines in corpus:
            rng = random.Random(f"speed:{doc}:{rep}")
            for a, b in paragraphs(len(lines[langs[0]]), rng):
                b = min(b, a + sentences - count)
                if b <= a:
                    break
                for lang in langs:
                    tag = f" [{rep}]" if rep else ""
                    paras[lang].append(JOIN.get(lang, " ").join(s + tag for s in lines[lang][a:b]))
                count += b - a
            if count >= sentences:
                break
        rep += 1
    return {lang: "\n\n".join(ps) + "\n" for lang, ps in paras.items()}


def run_one(data: Path, sentences: int, languages: int, cache_dir: Path, preload: bool) -> dict:
    """One check, timed by stage (runs in the child process)."""
    from parallelcheck.embed import get_embedder
    from parallelcheck.load import load_paths
    from parallelcheck.pipeline import check_documents
    from parallelcheck.report import json as json_report

    texts = build_texts(data, sentences, languages)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for lang, text in texts.items():
            path = Path(tmp) / f"article.{lang}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(f"{lang}={path}")
        t0 = time.perf_counter()
        docs = load_paths(paths)  # (reading and decoding files, splitting paragraphs)
        marks = {"load": time.perf_counter() - t0}
        embedder = get_embedder(None, cache=True, cache_dir=cache_dir)
        requested = [0]
        encode = embedder.encode

        def counting(texts):
            requested[0] += len(texts)
            return encode(texts)

        embedder.encode = counting  # every text the run asks the encoder for
        model_load = None
        if preload:  # cold run: load the model first, so that its load is timed apart
            t = time.perf_counter()
            embedder.encode(["warm-up"])
            model_load = round(time.perf_counter() - t, 3)
            requested[0] = 0
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            if done >= total:  # a stage ended
                now = time.perf_counter()
                marks[stage] = marks.get(stage, 0.0) + now - last[0]
                last[0] = now

        last[0] = time.perf_counter()
        report = check_documents(docs, embedder=embedder, progress=progress)
        t = time.perf_counter()
        json_report.render(report)
        marks["report"] = time.perf_counter() - t
        total = time.perf_counter() - t0 - (model_load or 0.0)
    segments = sum(v.segments for v in report.versions)
    return {
        "sentences": sentences, "languages": languages, "segments": segments,
        "stages": {k: round(v, 3) for k, v in marks.items()}, "model_load_s": model_load,
        "total_s": round(total, 2), "peak_rss_mb": round(peak_rss_mb()), "findings": len(report.findings),
        "embed_per_s": round(segments / marks["embed"]) if marks.get("embed") else None,
        "piece_encodes": requested[0] - segments,
    }


def _child(data: Path, sentences: int, languages: int, cache_dir: Path, preload: bool) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.speed", "--data", str(data.resolve()), "--one", f"{sentences}x{languages}",
           "--cache-dir", str(cache_dir)] + (["--preload"] if preload else [])
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict | None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ntrex"))
    ap.add_argument("--sizes", default="100,1000,10000", help="sentences per version, five versions each")
    ap.add_argument("--languages", default="2,3,5", help="numbers of versions to try at --languages-size")
    ap.add_argument("--languages-size", type=int, default=1000)
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/speed.json)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one:  # child process: one configuration
        n, k = (int(x) for x in args.one.split("x"))
        print(json.dumps(run_one(args.data, n, k, args.cache_dir, args.preload)))
        return None

    configs = [(int(n), 5) for n in args.sizes.split(",") if n]
    configs += [(args.languages_size, int(k)) for k in args.languages.split(",") if k and (args.languages_size, int(k)) not in configs]
    runs = []
    for n, k in configs:
        with tempfile.TemporaryDirectory() as cache:
            cold = _child(args.data, n, k, Path(cache), preload=True)
            warm = _child(args.data, n, k, Path(cache), preload=False)
        runs.append({"cold": cold, "warm": warm})
        print(f"{n} sentences x {k} versions: {cold['total_s']} s cold, {warm['total_s']} s warm", flush=True)

    headers = ["sentences x versions", "segments"] + [f"{s} s" for s in STAGES] + ["total s", "model load s", "peak RSS MB", "embed/s", "piece encodes", "warm total s", "warm embed s", "warm RSS MB"]
    rows = []
    for r in runs:
        c, w = r["cold"], r["warm"]
        rows.append([f"{c['sentences']} x {c['languages']}", c["segments"]] + [c["stages"].get(s, 0.0) for s in STAGES]
                    + [c["total_s"], c["model_load_s"], c["peak_rss_mb"], c["embed_per_s"] or "-", c.get("piece_encodes", "-"), w["total_s"], w["stages"].get("embed", 0.0), w["peak_rss_mb"]])
    print(table(headers, rows))
    payload = {"benchmark": "speed", "machine": machine(), "runs": runs}
    out = write_json(args.json, "speed", payload)
    print(f"wrote {out}")
    return payload


if __name__ == "__main__":
    main()
