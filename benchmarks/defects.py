"""Defect detection on real news: inject one known defect per document, count what is found.

    python -m benchmarks.defects --data ../shared/data/ntrex [--docs N] [--seed 11]

Documents are built from any multi-way parallel set given as aligned lines (NTREX-128's
layout, or one ``<lang>.txt`` per language plus an optional ``DOCUMENT_IDS.tsv``): the
lines of each document are grouped into paragraphs of 2-5 sentences the same way in every
language (the first line, a headline, is a paragraph of its own). For each document and
each kind, one variant gets exactly one edit in one non-reference language at a recorded
paragraph. Defects: a sentence dropped, a paragraph dropped, a sentence truncated to about
half, a sentence replaced by one from another document (drift), a number changed, a
paragraph left in English. Benign edits: a paragraph split in two, two paragraphs merged,
a sentence's final stop dropped so that it runs into the next sentence (a typo, and what
a line without a full stop does in text whose sentences are joined without spaces).

A detection is a *new* error or warning (not in the clean document's report: same rule,
language and fingerprint, message or pointed-at text — not paragraph number, which a split
or a deleted paragraph shifts) in the right language within one paragraph of the recorded one. Precision is over all new error/warning
findings of the defect variants; benign variants count their new findings (should be 0);
the clean documents' own findings are reported as they are (NTREX has real differences).

Thresholds were chosen on documents 10-69 (in NTREX's order); documents 70 onwards are
reported apart as the held-out part.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import time
from pathlib import Path

from .common import machine, table, write_json

NTREX_FILES = {
    "en": "newstest2019-ref.eng-US.txt",
    "ko": "newstest2019-ref.kor.txt",
    "ja": "newstest2019-ref.jpn.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
    "fr": "newstest2019-ref.fra.txt",
}
JOIN = {"en": " ", "fr": " ", "ko": " ", "ja": "", "zh": ""}
DEFECTS = ("del_sent", "del_para", "trunc", "replace", "number", "untrans")
BENIGN = ("split", "merge", "join")
COVERED = ("del_sent", "del_para", "trunc", "replace", "number", "untrans")
HELD_OUT_FROM = 70
_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")


def load_parallel(data: Path, pivot: str = "en") -> list[tuple[str, dict[str, list[str]]]]:
    """``[(document id, {lang: lines})]`` from aligned line files."""
    if all((data / name).exists() for name in NTREX_FILES.values()):
        files = {lang: data / name for lang, name in NTREX_FILES.items()}
    else:
        files = {p.stem: p for p in sorted(data.glob("*.txt"))}
        if pivot in files:  # the reference language first
            files = {pivot: files[pivot], **{k: v for k, v in files.items() if k != pivot}}
    if len(files) < 2:
        raise SystemExit(f"{data}: need aligned line files for at least two languages")
    lines = {lang: path.read_text(encoding="utf-8").splitlines() for lang, path in files.items()}
    n = {len(v) for v in lines.values()}
    if len(n) != 1:
        raise SystemExit(f"{data}: the language files have different numbers of lines")
    ids_file = data / "DOCUMENT_IDS.tsv"
    ids = ids_file.read_text(encoding="utf-8").splitlines() if ids_file.exists() else ["doc"] * n.pop()
    docs: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        docs.setdefault(doc.strip(), []).append(i)
    return [(doc, {lang: [lines[lang][i] for i in idx] for lang in lines}) for doc, idx in docs.items()]


def paragraphs(n_lines: int, rng: random.Random) -> list[tuple[int, int]]:
    """Line ranges of paragraphs: the headline alone, then 2-5 lines each."""
    out, i = [(0, min(1, n_lines))], 1
    while i < n_lines:
        k = rng.randint(2, 5)
        out.append((i, min(i + k, n_lines)))
        i += k
    return out


def render(paras: dict[str, list[list[str]]]) -> dict[str, str]:
    return {lang: "\n\n".join(JOIN.get(lang, " ").join(p) for p in ps if p) for lang, ps in paras.items()}


STOPS = tuple(".!?。！？")  # sentence ends (also read by benchmarks.endings)


def cut_in_half(sentence: str, lang: str) -> str:
    """The sentence cut at half its length (at a space where the script has them), with a
    full stop: text cut at a character limit."""
    cut = len(sentence) // 2
    if JOIN.get(lang, " ") == " ":
        space = sentence.rfind(" ", 0, cut)
        cut = space if space > 0 else cut
    return sentence[:cut] + ("。" if lang in ("ja", "zh") else ".")


def inject(kind: str, base, rng: random.Random, other_doc, pivot: str):
    """One edit in one non-pivot language: ``(paragraphs, language, paragraph index)`` or None."""
    paras = {lang: [list(p) for p in ps] for lang, ps in base.items()}
    lang = rng.choice([x for x in paras if x != pivot])
    p = paras[lang]
    n = len(p)
    if n < 2:
        return None
    pi = rng.randrange(1, n)
    if kind in ("del_sent", "split"):
        candidates = [i for i in range(1, n) if len(p[i]) >= 2]
        if not candidates:
            return None
        pi = rng.choice(candidates)
    if kind in ("del_para", "merge") and n < 3:
        return None
    if kind == "del_sent":
        del p[pi][rng.randrange(len(p[pi]))]
    elif kind == "del_para":
        del p[pi]
    elif kind == "trunc":
        si = max(range(len(p[pi])), key=lambda j: len(p[pi][j]))
        p[pi][si] = cut_in_half(p[pi][si], lang)
    elif kind == "replace":
        p[pi][rng.randrange(len(p[pi]))] = rng.choice(other_doc[lang][1:])
    elif kind == "number":
        spots = [(i, j) for i in range(1, n) for j, s in enumerate(p[i]) if _NUMBER.search(s)]
        if not spots:
            return None
        pi, si = rng.choice(spots)
        s = p[pi][si]
        m = rng.choice(list(_NUMBER.finditer(s)))
        p[pi][si] = s[: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + s[m.end() :]
    elif kind == "untrans":
        p[pi] = list(base[pivot][pi])
    elif kind == "split":
        p[pi : pi + 1] = [p[pi][:1], p[pi][1:]]
    elif kind == "merge":
        pi = rng.randrange(1, n - 1)
        p[pi : pi + 2] = [p[pi] + p[pi + 1]]
    elif kind == "join":
        spots = [(i, j) for i in range(1, n) for j, s in enumerate(p[i][:-1]) if s.rstrip()[-1:] in STOPS]
        if not spots:
            return None
        pi, si = rng.choice(spots)
        p[pi][si] = p[pi][si].rstrip()[:-1]
    return paras, lang, pi


def _key(f) -> tuple:
    return (f.rule, f.language, f.location.paragraph)


def _new_findings(clean, clean_texts: dict[str, str], found, texts: dict[str, str]) -> list:
    """The findings of a variant that the clean document's report does not already have.

    A finding is the same one when rule and language agree and so does its fingerprint,
    its message, or the text it points at — never its paragraph number, which an edit
    earlier in the version shifts (a split paragraph renumbers every later one). Counted:
    one clean finding excuses one variant finding.
    """
    pool = [(f, clean_texts[f.language][f.location.start : f.location.end]) for f in clean]
    out = []
    for f in found:
        span = texts[f.language][f.location.start : f.location.end]
        match = next((k for k, (c, c_span) in enumerate(pool) if c.rule == f.rule and c.language == f.language
                      and (c.fingerprint == f.fingerprint or c.message == f.message or c_span == span)), None)
        if match is None:
            out.append(f)
        else:
            del pool[match]
    return out


def run(data: Path, docs_limit: int | None, seed: int, cache_dir: Path | None, start: int = 0,
        markup: str = "text") -> dict:
    """``markup``: ``text`` (paragraphs separated by blank lines) or ``markdown`` (each version
    a Markdown page around the same paragraphs: :mod:`benchmarks.markdown_docs`)."""
    import parallelcheck
    from .markdown_docs import PROSE_BEFORE, non_prose_findings, render_markdown

    corpus = load_parallel(data)
    pivot = next(iter(corpus[0][1]))
    chosen = list(enumerate(corpus))[start:][: docs_limit or None]
    parts = {"tuning": collections.Counter(), "held_out": collections.Counter()}
    records = []
    t0 = time.perf_counter()
    for n, (index, (doc, lines)) in enumerate(chosen):
        part = parts["held_out" if index >= HELD_OUT_FROM else "tuning"]
        rng = random.Random(f"{seed}:{doc}")
        ranges = paragraphs(len(lines[pivot]), rng)
        base = {lang: [ls[a:b] for a, b in ranges] for lang, ls in lines.items()}
        if markup == "markdown":
            texts_of = lambda paras, base=base, doc=doc: render_markdown(paras, base, doc)  # noqa: E731
            shift = PROSE_BEFORE
        else:
            texts_of, shift = render, 0
        check = lambda paras: parallelcheck.check(texts_of(paras), pivot=pivot, cache_dir=cache_dir,  # noqa: E731
                                                  input_format=markup).findings
        if markup == "markdown":
            clean_report = parallelcheck.check(texts_of(base), pivot=pivot, cache_dir=cache_dir, input_format=markup)
            clean = clean_report.findings
            part["clean_non_prose"] += len(non_prose_findings(clean_report))
        else:
            clean = check(base)
        clean_texts = texts_of(base)
        part["documents"] += 1
        for f in clean:
            part[f"clean_{f.severity}"] += 1
            part[f"clean_rule_{f.rule}"] += 1
        seen = {_key(f) for f in clean}
        other = corpus[(index + 37) % len(corpus)][1]
        for kind in DEFECTS + BENIGN:
            made = inject(kind, base, rng, other, pivot)
            if made is None:
                continue
            paras, lang, pi = made
            found = [f for f in check(paras) if f.severity in ("error", "warning")]
            new = _new_findings(clean, clean_texts, found, texts_of(paras))
            # (the previous rounds' rule, kept for comparison: new = rule, language and
            # paragraph number unseen; it counts renumbered old findings as new)
            by_paragraph = [f for f in found if _key(f) not in seen]
            part[f"{kind}_n"] += 1
            if kind in BENIGN:
                part[f"{kind}_false"] += len(new)
                part[f"{kind}_false_by_paragraph"] += len(by_paragraph)
                hits = []
            else:
                hits = [f for f in new if f.language == lang and abs(f.location.paragraph - shift - pi) <= 1]
                part[f"{kind}_found"] += bool(hits)
                part["findings_correct"] += len(hits)
                part["findings_all"] += len(new)
            records.append({"document": doc, "kind": kind, "language": lang, "paragraph": pi,
                            "found": bool(hits), "new_findings": [[f.rule, f.language, f.location.paragraph] for f in new]})
        if sys.stderr.isatty():
            print(f"\r{n + 1}/{len(chosen)} documents", end="", flush=True, file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return {"parts": {k: dict(sorted(v.items())) for k, v in parts.items()}, "records": records,
            "seconds": round(time.perf_counter() - t0, 1)}


def summary_rows(parts: dict) -> list[list[object]]:
    rows = []
    names = [p for p in ("tuning", "held_out") if parts[p].get("documents")]
    total = collections.Counter()
    for p in names:
        total.update(parts[p])
    cols = [collections.Counter(parts[p]) for p in names] + [total]
    for kind in DEFECTS:
        rows.append([f"recall: {kind}" + ("" if kind in COVERED else " (not covered)")]
                    + [_ratio(c[f"{kind}_found"], c[f"{kind}_n"]) for c in cols])
    rows.append(["precision of new findings"] + [_ratio(c["findings_correct"], c["findings_all"]) for c in cols])
    for kind in BENIGN:
        rows.append([f"benign {kind}: false findings"] + [f"{c[f'{kind}_false']} in {c[f'{kind}_n']}" for c in cols])
        rows.append(["  (counted by paragraph number, as before)"]
                    + [f"{c[f'{kind}_false_by_paragraph']} in {c[f'{kind}_n']}" for c in cols])
    if any("clean_non_prose" in c for c in cols):
        rows.append(["clean documents: findings in non-prose spans"] + [c["clean_non_prose"] for c in cols])
    rows.append(["clean documents: error / warning / info"]
                + [f"{c['clean_error']} / {c['clean_warning']} / {c['clean_info']} in {c['documents']}" for c in cols])
    rules = sorted({k[len("clean_rule_"):] for c in cols for k in c if k.startswith("clean_rule_")})
    for rule in rules:
        rows.append([f"clean documents: {rule} findings per 100 documents"]
                    + [f"{100 * c[f'clean_rule_{rule}'] / max(c['documents'], 1):.1f}" for c in cols])
    return rows, names + ["all"]


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else "-"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ntrex"))
    ap.add_argument("--docs", type=int, help="only the first N documents (after --start)")
    ap.add_argument("--start", type=int, default=0, help="skip the first N documents")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cache-dir", type=Path, help="embedding cache (default: parallelcheck's)")
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/defects.json)")
    ap.add_argument("--markup", choices=("text", "markdown"), default="text",
                    help="render each version as plain text (default) or as a Markdown page")
    args = ap.parse_args(argv)

    result = run(args.data, args.docs, args.seed, args.cache_dir, args.start, args.markup)
    rows, headers = summary_rows(result["parts"])
    print(f"Defect detection, {args.data}, seed {args.seed}, {args.markup}, {result['seconds']} s")
    print(table(["measure"] + headers, rows))
    payload = {"benchmark": "defects", "machine": machine(), "seed": args.seed, **result}
    if args.markup != "text":
        payload["markup"] = args.markup
    out = write_json(args.json, "defects" if args.markup == "text" else f"defects-{args.markup}", payload)
    print(f"wrote {out}")
    return payload


if __name__ == "__main__":
    main()
