"""Quick defect-detection measurement on NTREX-128 (a first instrument; issue 3 builds the full one).

For each document: the five language versions are grouped into the same paragraphs (the
headline alone, then 3/4/2 sentences), checked clean, then once per defect kind with one
defect injected into one random non-pivot version (fixed seed). A defect counts as found
when a new error or warning appears in that language within one paragraph of the defect;
benign edits (a paragraph split or merged) should produce nothing new.

    python -m benchmarks.defects_quick --data ../shared/data/ntrex --start 40 --count 30
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path

import parallelcheck

FILES = {
    "en": "newstest2019-ref.eng-US.txt",
    "ko": "newstest2019-ref.kor.txt",
    "ja": "newstest2019-ref.jpn.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
    "fr": "newstest2019-ref.fra.txt",
}
JOIN = {"en": " ", "fr": " ", "ko": " ", "ja": "", "zh": ""}
KINDS = ("del_sent", "del_para", "trunc", "replace", "untrans", "split", "merge")


def load_ntrex(data: Path) -> list[tuple[str, dict[str, list[str]]]]:
    ids = [line.strip() for line in (data / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    lines = {lang: (data / name).read_text(encoding="utf-8").splitlines() for lang, name in FILES.items()}
    docs: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        docs.setdefault(doc, []).append(i)
    return [(doc, {lang: [lines[lang][i] for i in idx] for lang in FILES}) for doc, idx in docs.items()]


def paragraphs(lines: list[str], sizes=(3, 4, 2)) -> list[list[str]]:
    out, i, k = [list(lines[:1])], 1, 0
    while i < len(lines):
        out.append(list(lines[i : i + sizes[k % len(sizes)]]))
        i += sizes[k % len(sizes)]
        k += 1
    return out


def render(paras: dict[str, list[list[str]]]) -> dict[str, str]:
    return {lang: "\n\n".join(JOIN[lang].join(p) for p in ps if p) for lang, ps in paras.items()}


def key(f):
    return (f.rule, f.language, f.location.paragraph)


def inject(kind, base, rng, other_doc):
    """One defect (or benign edit) in one non-pivot language; returns (paras, lang, paragraph) or None."""
    paras = {lang: [list(p) for p in ps] for lang, ps in base.items()}
    lang = rng.choice(["ko", "ja", "zh", "fr"])
    n = len(paras[lang])
    pi = rng.randrange(1, n) if n > 1 else 0
    if kind in ("del_sent", "split"):
        candidates = [i for i in range(1, n) if len(paras[lang][i]) >= 2]
        if not candidates:
            return None
        pi = rng.choice(candidates)
    if kind in ("del_para", "merge") and n < 3:
        return None
    p = paras[lang]
    if kind == "del_sent":
        del p[pi][rng.randrange(len(p[pi]))]
    elif kind == "del_para":
        del p[pi]
    elif kind == "trunc":
        si = max(range(len(p[pi])), key=lambda j: len(p[pi][j]))
        s = p[pi][si]
        cut = len(s) // 2
        if lang in ("ko", "fr"):
            space = s.rfind(" ", 0, cut)
            cut = space if space > 0 else cut
        p[pi][si] = s[:cut] + ("。" if lang in ("ja", "zh") else ".")
    elif kind == "replace":
        p[pi][rng.randrange(len(p[pi]))] = rng.choice(other_doc[lang][1:])
    elif kind == "untrans":
        p[pi] = list(base["en"][pi])
    elif kind == "split":
        p[pi : pi + 1] = [p[pi][:1], p[pi][1:]]
    elif kind == "merge":
        pi = rng.randrange(1, n - 1)
        p[pi : pi + 2] = [p[pi] + p[pi + 1]]
    return paras, lang, pi


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ntrex"))
    ap.add_argument("--start", type=int, default=40)
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", type=Path, help="also write the counts here")
    args = ap.parse_args()

    docs = load_ntrex(args.data)
    rng = random.Random(args.seed)
    st: collections.Counter = collections.Counter()
    chosen = docs[args.start : args.start + args.count]
    for n, (doc, lines) in enumerate(chosen):
        base = {lang: paragraphs(ls) for lang, ls in lines.items()}
        clean = parallelcheck.check(render(base))
        for f in clean.findings:
            st[f"clean_{f.severity}"] += 1
        seen = {key(f) for f in clean.findings}
        other = docs[(docs.index((doc, lines)) + 37) % len(docs)][1]
        for kind in KINDS:
            made = inject(kind, base, rng, other)
            if made is None:
                continue
            paras, lang, pi = made
            new = [f for f in parallelcheck.check(render(paras)).findings if key(f) not in seen]
            gating = [f for f in new if f.severity in ("error", "warning")]
            st[f"{kind}_n"] += 1
            if kind in ("split", "merge"):
                st[f"{kind}_false"] += len(gating)
            else:
                hit = [f for f in gating if f.language == lang and abs(f.location.paragraph - pi) <= 1]
                st[f"{kind}_found"] += bool(hit)
                st[f"{kind}_other"] += len(gating) - min(len(hit), 1)

    print(f"NTREX documents {args.start}..{args.start + len(chosen) - 1} (seed {args.seed})")
    print(f"{'defect':10} {'found':>9} {'other new findings':>19}")
    for kind in KINDS[:5]:
        print(f"{kind:10} {st[kind + '_found']:>4}/{st[kind + '_n']:<4} {st[kind + '_other']:>19}")
    for kind in KINDS[5:]:
        print(f"{kind:10} {'false findings':>14} {st[kind + '_false']}/{st[kind + '_n']}")
    print(f"clean documents: {st['clean_error']} errors, {st['clean_warning']} warnings, {st['clean_info']} info")
    if args.json:
        args.json.write_text(json.dumps(dict(sorted(st.items())), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
