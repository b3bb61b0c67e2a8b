"""Defects injected into real Markdown pages: tldr-pages in five languages.

    python -m benchmarks.tldr --data ../shared/data/tldr [--pages N] [--seed 11] [--kind replace] [--half tuning]

Every command page that exists in English (``pages/``) and in Korean, Japanese, Chinese and
French (``pages.<lang>/``) is checked as it is (``--pivot en``), then once per kind with one
edit in one translation (chosen by a seeded draw):

- defects: an example dropped (its description line and its code line), the page
  description's longest line cut to half, an example description replaced by another
  page's (one that reads differently: the first such line from page n+37 on), an example description left in English, a number changed (in a description when
  one holds a number, else in a code line the English page has too);
- benign edits: blank lines added around every code line, and a translated code line whose
  placeholders are put back to English (``{{ファイル}}`` → ``{{path/to/file}}``).

A detection is a *new* error or warning (not in the clean page's report: see
:func:`benchmarks.defects._new_findings`) in the edited language within one paragraph of
the edit. Benign edits should add no finding. Pages are split in two by name (every other
page in sorted order): thresholds are chosen on the first half ("tuning") and the second
half is reported apart ("held out").
"""

from __future__ import annotations

import argparse
import bisect
import collections
import random
import re
import sys
import time
from pathlib import Path

from .common import machine, table, write_json
from .defects import _new_findings, cut_in_half

LANGS = ("en", "ko", "ja", "zh", "fr")
DEFECTS = ("drop_example", "cut_description", "replace", "untranslated", "number")
BENIGN = ("blank_lines", "placeholder_english")
_NUMBER = re.compile(r"(?<![\d.,{])\d+(?![\d}])")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")


def load_pages(data: Path) -> list[tuple[str, dict[str, str]]]:
    """``[(platform/command, {lang: page text})]`` for the pages every language has."""
    out = []
    for en in sorted((data / "pages").glob("*/*.md")):
        rel = en.relative_to(data / "pages")
        paths = {"en": en, **{lang: data / f"pages.{lang}" / rel for lang in LANGS[1:]}}
        if all(p.exists() for p in paths.values()):
            out.append((str(rel.with_suffix("")), {lang: p.read_text(encoding="utf-8") for lang, p in paths.items()}))
    return out


def _examples(text: str) -> list[tuple[int, int, int]]:
    """Per example: (description line index, code line index, end line index exclusive)."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.startswith("- "):
            j = next((k for k in range(i + 1, len(lines)) if lines[k].startswith("`")), None)
            if j is not None:
                end = j + 1
                while end < len(lines) and not lines[end].strip():
                    end += 1
                out.append((i, j, end))
    return out


def inject(kind: str, pages: dict[str, str], rng: random.Random, other):
    """One edit in one translation: ``(texts, language, offset of the edit)`` or None.
    ``other``: the donor page of a replaced description (a dict), or a list of donor pages
    to take the first description that differs from the replaced one from."""
    lang = rng.choice(LANGS[1:])
    text = pages[lang]
    lines = text.split("\n")
    examples = _examples(text)
    en_examples = _examples(pages["en"])
    en_lines = pages["en"].split("\n")

    def offset(line_index: int) -> int:
        return sum(len(x) + 1 for x in lines[:line_index])

    if kind == "drop_example":
        if len(examples) < 2:
            return None
        i, _, end = examples[rng.randrange(1, len(examples))]
        at = offset(i)
        del lines[i:end]
    elif kind == "cut_description":
        desc = [k for k, x in enumerate(lines) if x.startswith("> ") and "<http" not in x and len(x) > 12]
        if not desc:
            return None
        k = max(desc, key=lambda k: len(lines[k]))
        lines[k] = "> " + cut_in_half(lines[k][2:].rstrip(), lang)
        at = offset(k)
    elif kind == "replace":
        donors = other if isinstance(other, list) else [other]
        others = _examples(donors[0][lang])
        if not examples or not others:
            return None
        n = rng.randrange(len(examples))
        i = examples[n][0]
        first = rng.randrange(len(others))
        # The donor line must say something else than the one it replaces: most tldr pages
        # are aliases whose one example reads «View documentation for the original command»
        # in every page, and swapping it for itself (or for another page's wording of the
        # same sentence) is no defect. Judged on the English: the donor example's English
        # description must differ from the replaced one's (donor pages whose examples don't
        # pair one to one with their English are passed over). The drawn line first, then the donor's next
        # lines, then the next donor pages' (no further draws: the other kinds keep theirs).
        def english(page: dict[str, str], lang_examples, k: int) -> str:
            en = _examples(page["en"])
            if len(en) != len(lang_examples):
                return page[lang].split("\n")[lang_examples[k][0]].strip()
            return page["en"].split("\n")[en[k][0]].strip()

        mine = {lines[i].strip(), english(pages, examples, n)}

        def candidates():
            for m, donor in enumerate(donors):
                theirs = _examples(donor[lang])
                order = list(range(first, len(theirs))) + list(range(first)) if m == 0 else range(len(theirs))
                if len(theirs) != len(_examples(donor["en"])):
                    continue  # out of step with its English: what a line translates is unknown
                for k in order:
                    yield donor[lang].split("\n")[theirs[k][0]], english(donor, theirs, k)

        line = next((x for x, en in candidates() if x.strip() not in mine and en not in mine), None)
        if line is None:
            return None
        lines[i] = line
        at = offset(i)
    elif kind == "untranslated":
        if not examples or len(examples) != len(en_examples):
            return None
        n = rng.randrange(len(examples))
        lines[examples[n][0]] = en_lines[en_examples[n][0]]
        at = offset(examples[n][0])
    elif kind == "number":
        spots = [k for k, x in enumerate(lines) if x.startswith(("- ", "> ")) and _NUMBER.search(x)]
        # A code line only where the English page has the same command (placeholders and
        # numbers aside): a number in a code line only this version has (zh's extra «shuf -n
        # 1» example in common/tldr) has nothing to be compared with, so changing it is no
        # defect a comparison of the versions could show.
        def command(x: str) -> str:
            return _NUMBER.sub("0", _PLACEHOLDER.sub("{{}}", x.strip()))

        en_commands = {command(x) for x in en_lines if x.startswith("`")}
        spots = spots or [k for k, x in enumerate(lines) if x.startswith("`") and _NUMBER.search(_PLACEHOLDER.sub("", x))
                          and command(x) in en_commands]
        if not spots:
            return None
        k = rng.choice(spots)
        masked = _PLACEHOLDER.sub(lambda m: "\0" * len(m.group()), lines[k])
        m = rng.choice(list(_NUMBER.finditer(masked)))
        lines[k] = lines[k][: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + lines[k][m.end() :]
        at = offset(k)
    elif kind == "blank_lines":
        codes = [k for k, x in enumerate(lines) if x.startswith("`")]
        if not codes:
            return None
        for k in reversed(codes):
            lines[k : k + 1] = ["", lines[k], ""]
        at = 0
    elif kind == "placeholder_english":
        pairs = [(mine[1], theirs[1]) for mine, theirs in zip(examples, en_examples)
                 if _PLACEHOLDER.sub("{{}}", lines[mine[1]]) == _PLACEHOLDER.sub("{{}}", en_lines[theirs[1]])
                 and lines[mine[1]] != en_lines[theirs[1]]] if len(examples) == len(en_examples) else []
        if not pairs:
            return None
        k, ek = rng.choice(pairs)
        lines[k] = en_lines[ek]
        at = offset(k)
    else:
        raise ValueError(kind)
    return {**pages, lang: "\n".join(lines)}, lang, at


def _paragraph_at(report, lang: str, offset: int) -> int:
    doc = next(d.document for d in report.documents if d.language == lang)
    starts = [s.start for s in doc.paragraphs]
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def run(data: Path, limit: int | None, seed: int, cache_dir: Path | None,
        kinds: tuple[str, ...] = DEFECTS + BENIGN, half: str | None = None) -> dict:
    import parallelcheck

    every = load_pages(data)
    pages = every[: limit or None]
    parts = {"tuning": collections.Counter(), "held_out": collections.Counter()}
    per_page, records = [], []
    t0 = time.perf_counter()

    def check(texts):
        return parallelcheck.check(texts, pivot="en", cache_dir=cache_dir, input_format="markdown")

    for n, (name, texts) in enumerate(pages):
        if half is not None and half != ("tuning" if n % 2 == 0 else "held_out"):
            continue
        part = parts["tuning" if n % 2 == 0 else "held_out"]
        rng = random.Random(f"{seed}:{name}")
        clean = check(texts)
        part["pages"] += 1
        gating = [f for f in clean.findings if f.severity in ("error", "warning")]
        for f in clean.findings:
            part[f"clean_{f.severity}"] += 1
            part[f"clean_rule_{f.rule}"] += 1
        per_page.append({"page": name, "part": "tuning" if n % 2 == 0 else "held_out",
                         "findings": [[f.rule, f.severity, f.language, f.location.line, f.message] for f in gating]})
        # the donor page of a replaced description does not depend on --pages
        other = [every[(n + 37 + j) % len(every)][1] for j in range(len(every))]
        for kind in DEFECTS + BENIGN:
            # every kind draws, checked or not: --kind keeps the edits of a full run
            made = inject(kind, texts, rng, other)
            if made is None or kind not in kinds:
                continue
            edited, lang, at = made
            report = check(edited)
            found = [f for f in report.findings if f.severity in ("error", "warning")]
            new = _new_findings(gating, texts, found, edited)
            part[f"{kind}_n"] += 1
            if kind in BENIGN:
                part[f"{kind}_false"] += len(new)
                hits = []
            else:
                pi = _paragraph_at(report, lang, at)
                hits = [f for f in new if f.language == lang and abs(f.location.paragraph - pi) <= 1]
                part[f"{kind}_found"] += bool(hits)
                part["findings_correct"] += len(hits)
                part["findings_all"] += len(new)
            records.append({"page": name, "kind": kind, "language": lang, "found": bool(hits),
                            "new_findings": [[f.rule, f.language, f.location.line, f.message] for f in new]})
        if sys.stderr.isatty():
            print(f"\r{n + 1}/{len(pages)} pages", end="", flush=True, file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return {"parts": {k: dict(sorted(v.items())) for k, v in parts.items()}, "pages": per_page, "records": records,
            "seconds": round(time.perf_counter() - t0, 1)}


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else "-"


def summary_rows(parts: dict):
    names = [p for p in ("tuning", "held_out") if parts[p].get("pages")]
    total = collections.Counter()
    for p in names:
        total.update(parts[p])
    cols = [collections.Counter(parts[p]) for p in names] + [total]
    rows = [[f"recall: {kind}"] + [_ratio(c[f"{kind}_found"], c[f"{kind}_n"]) for c in cols] for kind in DEFECTS]
    rows.append(["precision of new findings"] + [_ratio(c["findings_correct"], c["findings_all"]) for c in cols])
    for kind in BENIGN:
        rows.append([f"benign {kind}: new findings"] + [f"{c[f'{kind}_false']} in {c[f'{kind}_n']}" for c in cols])
    rows.append(["clean pages: error / warning / info"]
                + [f"{c['clean_error']} / {c['clean_warning']} / {c['clean_info']} in {c['pages']}" for c in cols])
    rows.append(["clean pages: errors+warnings per page"]
                + [f"{(c['clean_error'] + c['clean_warning']) / max(c['pages'], 1):.2f}" for c in cols])
    rules = sorted({k[len("clean_rule_"):] for c in cols for k in c if k.startswith("clean_rule_")})
    for rule in rules:
        rows.append([f"clean pages: {rule} per page"] + [f"{c[f'clean_rule_{rule}'] / max(c['pages'], 1):.2f}" for c in cols])
    return rows, names + ["all"]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/tldr"))
    ap.add_argument("--pages", type=int, help="only the first N pages (in sorted order)")
    ap.add_argument("--kind", action="append", choices=DEFECTS + BENIGN,
                    help="only this edit (repeatable; default: every kind)")
    ap.add_argument("--half", choices=("tuning", "held_out"), help="only the pages of this half")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cache-dir", type=Path, help="embedding cache (default: parallelcheck's)")
    ap.add_argument("--json", type=Path, help="where to write results (default benchmarks/results/tldr.json)")
    args = ap.parse_args(argv)
    kinds = tuple(k for k in DEFECTS + BENIGN if k in args.kind) if args.kind else DEFECTS + BENIGN
    result = run(args.data, args.pages, args.seed, args.cache_dir, kinds, args.half)
    rows, headers = summary_rows(result["parts"])
    print(f"tldr-pages defects, {args.data}, seed {args.seed}, {result['seconds']} s")
    print(table(["measure"] + headers, rows))
    payload = {"benchmark": "tldr", "machine": machine(), "seed": args.seed, **result}
    out = write_json(args.json, "tldr", payload)
    print(f"wrote {out}")
    return payload


if __name__ == "__main__":
    main()
