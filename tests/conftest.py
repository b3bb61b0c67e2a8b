import json
import os
from pathlib import Path

import pytest

# Paragraphs as blocks, sentences joined as each script joins them: the defect benchmark's
# own renderer, so tests and benchmark build documents the same way.
from benchmarks.defects import render as render_texts  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "sme-ministry-briefing.5lang.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LANGS = ("en", "ko", "ja", "zh", "fr")


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests share one embedding cache (fast) but never the user's."""
    path = tmp_path_factory.mktemp("embedding-cache")
    old = os.environ.get("PARALLELCHECK_CACHE_DIR")
    os.environ["PARALLELCHECK_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("PARALLELCHECK_CACHE_DIR", None)
    else:
        os.environ["PARALLELCHECK_CACHE_DIR"] = old


def split_seed(directory):
    """The example as five single-language files ``article.<lang>.txt`` in ``directory``:
    {language: path}."""
    from parallelcheck.load import load_paths

    paths = {}
    for d in load_paths([str(SEED)]):
        p = directory / f"article.{d.language}.txt"
        p.write_text("\n\n".join(d.paragraph_text(i) for i in range(len(d.paragraphs))) + "\n", encoding="utf-8")
        paths[d.language] = p
    return paths


def ntrex_documents():
    data = json.loads((FIXTURES / "ntrex" / "documents.json").read_text(encoding="utf-8"))
    return data["documents"]


def alignment_document(doc_id):
    """One of the fixture's ``alignment_documents``, as {lang: paragraphs of lines}, with the
    paragraph sizes the defect benchmark gave it."""
    data = json.loads((FIXTURES / "ntrex" / "documents.json").read_text(encoding="utf-8"))
    doc = next(d for d in data["alignment_documents"] if d["id"] == doc_id)
    out = {}
    for lang, lines in doc["lines"].items():
        k, out[lang] = 0, []
        for n in doc["paragraph_sizes"]:
            out[lang].append(list(lines[k : k + n]))
            k += n
    return out


def paragraphs_of(lines, sizes=(3, 4, 2)):
    """Group sentence-aligned lines into paragraphs, the same way for every language; the
    first line (the headline) is a paragraph of its own, as in a real article."""
    out, i, k = [list(lines[:1])], 1, 0
    while i < len(lines):
        n = sizes[k % len(sizes)]
        out.append(list(lines[i : i + n]))
        i += n
        k += 1
    return out

