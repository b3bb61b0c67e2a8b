import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "sme-ministry-briefing.5lang.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LANGS = ("en", "ko", "ja", "zh", "fr")
JOIN = {"en": " ", "fr": " ", "ko": " ", "ja": "", "zh": ""}


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


def ntrex_documents():
    data = json.loads((FIXTURES / "ntrex" / "documents.json").read_text(encoding="utf-8"))
    return data["documents"]


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


def render_texts(paras_by_lang):
    return {lang: "\n\n".join(JOIN[lang].join(p) for p in paras if p) for lang, paras in paras_by_lang.items()}
