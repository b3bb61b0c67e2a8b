"""Documentation trees in one run: throughput of the backends, incremental reruns, layouts.

    python -m benchmarks.tree --data ../shared/data/tldr --k8s ../shared/data/k8s-docs \
        --cache-root /tmp/pc-cache-tree

Runs ``parallelcheck check DATA --source en`` (tldr-pages: ``pages/`` and ``pages.<lang>/``)
with ``--jobs 1``, ``--jobs 2`` and ``--dask local`` (2 workers), each in a fresh process:

- cold: empty cache directory (model load, every segment encoded, every document checked);
- warm: embeddings cached, but no stored results (the tree result cache is removed first):
  the aligner and the checks run again;
- incremental: the same tree again, unchanged: every document's report comes from the result
  cache (the speed-up over cold is the acceptance number, ≥ 10×).

Pages per minute counts version files (a document in five languages is five pages). Peak RSS
is the largest of the main process and its worker processes. The JSON reports of every run
are compared byte for byte. Then the Kubernetes pages are laid out as a Hugo site
(``content/<lang>/docs/concepts/<page>.md``, Chinese in ``content/zh-cn/``) in a temporary
folder and checked with the layout detected.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import machine, table, write_json

# Run in the child: the CLI, then its own and its children's peak RSS on stderr's last line.
_CHILD = (
    "import resource, sys\n"
    "from parallelcheck.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(f'RSS {mine:.0f} {kids:.0f}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)

BACKENDS = {"jobs 1": ["--jobs", "1"], "jobs 2": ["--jobs", "2"], "dask local (2)": ["--dask", "local"]}


def run_cli(args: list[str]) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"parallelcheck failed ({proc.returncode}): {proc.stderr[-2000:]}")
    rss = [line for line in proc.stderr.splitlines() if line.startswith("RSS ")][-1].split()
    return {"seconds": round(seconds, 2), "rss_main_mb": float(rss[1]), "rss_worker_mb": float(rss[2]),
            "exit": proc.returncode}


def tldr_runs(data: Path, cache_root: Path, out: Path, backends=tuple(BACKENDS)) -> tuple[list[dict], dict[str, bytes]]:
    rows, reports = [], {}
    for name in backends:
        flags = BACKENDS[name]
        cache = cache_root / name.replace(" ", "-").replace("(", "").replace(")", "")
        shutil.rmtree(cache, ignore_errors=True)
        for phase in ("cold", "warm", "incremental"):
            if phase == "warm":
                shutil.rmtree(cache / "tree", ignore_errors=True)  # keep the embeddings, drop the results
            report = out / f"{name}-{phase}.json".replace(" ", "-")
            result = run_cli(["check", str(data), "--source", "en", "--quiet", "--cache-dir", str(cache),
                              "--format", f"json:{report}", *flags])
            doc = json.loads(report.read_text(encoding="utf-8"))
            pages = sum(len(d["languages"]) for d in doc["documents"] if d["status"] == "checked")
            result.update(backend=name, phase=phase, documents=len(doc["documents"]), pages=pages,
                          pages_per_minute=round(pages * 60 / result["seconds"], 1), findings=dict(doc["summary"]))
            rows.append(result)
            reports[f"{name} {phase}"] = report.read_bytes()
            print(f"  {name:15} {phase:11} {result['seconds']:7.2f} s", file=sys.stderr)
    return rows, reports


def k8s_hugo(k8s: Path, out: Path) -> dict:
    site = out / "k8s-site"
    for page in sorted(p for p in k8s.iterdir() if p.is_dir()):
        for version in sorted(page.glob("*.md")):
            folder = "zh-cn" if version.stem == "zh" else version.stem
            target = site / "content" / folder / "docs" / "concepts" / f"{page.name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(version, target)
    report = out / "k8s.json"
    result = run_cli(["check", str(site), "--source", "en", "--quiet", "--no-cache", "--jobs", "2",
                      "--format", f"json:{report}"])
    doc = json.loads(report.read_text(encoding="utf-8"))
    result.update(layout=doc["tree"]["layout"], documents=[d["path"] for d in doc["documents"]],
                  languages=doc["tree"]["languages"], findings=doc["summary"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tree", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/tldr"))
    parser.add_argument("--k8s", type=Path, default=Path("../shared/data/k8s-docs"))
    parser.add_argument("--cache-root", type=Path, default=Path(tempfile.gettempdir()) / "pc-cache-tree-bench")
    parser.add_argument("--backends", default=",".join(BACKENDS),
                        help=f"comma-separated, from: {', '.join(BACKENDS)} (the first is the JSON reference)")
    parser.add_argument("--results", type=Path, help="write the JSON results here (default: benchmarks/results/tree.json)")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown or not backends:
        parser.error(f"unknown backend {unknown[0] if unknown else '(none)'}; choose from {', '.join(BACKENDS)}")
    with tempfile.TemporaryDirectory(prefix="pc-tree-") as tmp:
        out = Path(tmp)
        rows, reports = tldr_runs(args.data, args.cache_root, out, backends)
        k8s = k8s_hugo(args.k8s, out) if args.k8s.is_dir() else None
    reference = reports[f"{backends[0]} cold"]
    identical = {name: data == reference for name, data in reports.items()}
    cold = {r["backend"]: r["seconds"] for r in rows if r["phase"] == "cold"}
    print(table(
        ["backend", "phase", "seconds", "pages/min", "documents", "peak RSS main MB", "peak RSS worker MB",
         "speed-up vs cold", f"JSON = {backends[0]} cold"],
        [[r["backend"], r["phase"], r["seconds"], r["pages_per_minute"], r["documents"], r["rss_main_mb"],
          r["rss_worker_mb"], round(cold[r["backend"]] / r["seconds"], 1), identical[f"{r['backend']} {r['phase']}"]]
         for r in rows],
    ))
    s = rows[0]["findings"]
    print(f"\ntldr: {rows[0]['documents']} documents, {rows[0]['pages']} pages; findings "
          f"{s['error']} errors, {s['warning']} warnings, {s['info']} info; "
          f"every report byte-identical: {all(identical.values())}")
    if k8s:
        print(f"k8s-docs as a Hugo site: layout {k8s['layout']} detected, documents {k8s['documents']}, "
              f"languages {k8s['languages']}, {k8s['seconds']} s, findings {k8s['findings']}")
    write_json(args.results, "tree", {"machine": machine(), "tldr": rows, "identical": identical, "k8s_hugo": k8s})
    return 0


if __name__ == "__main__":
    sys.exit(main())
