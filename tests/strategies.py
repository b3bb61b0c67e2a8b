"""Hypothesis strategies and contract checks for fuzzing parallelcheck's inputs (issue 15).

Shared by the CI fuzz tests (``tests/test_fuzz.py``, few examples) and the long run
(``python -m benchmarks.fuzz``). Loader-agnostic: a reader is a function ``bytes -> file``
plus a ``load(path) -> list[Document]``, registered in :data:`LOADERS`; every reader gets
the same properties from :func:`check_loader_contract`. A new reader (Markdown, HTML...)
is added with one entry: ``LOADERS["markdown"] = Loader("doc.md", load_markdown_file)``.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from parallelcheck.errors import InputError
from parallelcheck.model import Document

# --- text material ------------------------------------------------------------------------

# Real sentences in the five languages, so that the pipeline gets past language
# identification and alignment and the checks run, not only the loaders' refusals.
SENTENCES = {
    "ko": ["중소벤처기업부는 15개 과제를 발표했다.", "한성숙 장관이 회의를 주재했다.", "지역 펀드를 2026년까지 확대한다."],
    "en": ["The ministry announced fifteen tasks.", "Minister Han Sung-sook chaired the meeting.",
           "Regional funds will grow until 2026."],
    "ja": ["中小ベンチャー企業部は15の課題を発表した。", "韓聖淑長官が会議を主宰した。", "地域ファンドを2026年まで拡大する。"],
    "zh": ["中小风险企业部公布了15项任务。", "韩圣淑部长主持了会议。", "地区基金将扩大到2026年。"],
    "fr": ["Le ministère a annoncé quinze tâches.", "La ministre Han Sung-sook a présidé la réunion.",
           "Les fonds régionaux croîtront jusqu'en 2026."],
}
LANGS = tuple(SENTENCES)

# Characters that break naive text handling: bidi controls, zero-width, BOM, combining
# marks, NUL and other C0 controls, lone CR, form feed, NEL, line/paragraph separators,
# a private-use character, an emoji with a modifier, RTL letters, a noncharacter.
NASTY = [
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d",
    "\u2060", "\ufeff", "\u0301", "\u0302", "\u0327", "\u20dd", "\x00", "\x01", "\x1b", "\x7f", "\r",
    "\f", "\v", "\x85", "\u2028", "\u2029", "\ue000", "\U0001f44d\U0001f3fd", "שלום", "مرحبا",
    "\ufffe", "\uffff", "\U0010ffff", "\u3000", "\xa0", "▲", "•", "1,500만", "十五", "2:30 p.m.",
    "https://example.org/a?b=c", "#", "=====", "- ", "1. ",
]
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n \n", "\n\u3000\n"]


def _any_chars(max_size: int = 40) -> st.SearchStrategy[str]:
    # Every code point but surrogates (a str with a lone surrogate is not text; UTF-16
    # bytes with one are made by file_bytes below).
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)


def pieces() -> st.SearchStrategy[str]:
    """One piece of a document: a real sentence, arbitrary Unicode, nasty characters, a
    line break of some kind, or a long token."""
    return st.one_of(
        st.sampled_from([s for ss in SENTENCES.values() for s in ss]),
        _any_chars(),
        st.sampled_from(NASTY),
        st.sampled_from(NEWLINES),
        st.builds(lambda c, n: c * n, st.sampled_from(["a", "가", "字", "-", " ", "9", "\u0301"]),
                  st.integers(1, 3000)),
    )


def documents() -> st.SearchStrategy[str]:
    """A whole text: pieces joined, sometimes many tiny paragraphs."""
    return st.one_of(
        st.lists(pieces(), max_size=30).map("".join),
        st.builds(lambda words, n, nl: nl.join(words[i % len(words)] for i in range(n)),
                  st.lists(st.sampled_from(["a", "x", "가", "字", "1", "▲", "\u200b", "é"]), min_size=1, max_size=4),
                  st.integers(1, 3000), st.sampled_from(["\n\n", "\r\n\r\n", "\n"])),
    )


def versions_text(langs: tuple[str, ...] = LANGS) -> st.SearchStrategy[dict[str, str]]:
    """Plausible versions of one document (real sentences) with fuzz mixed in: one version
    may be far longer than the others, lose sentences or gain garbage."""

    @st.composite
    def build(draw):
        chosen = draw(st.lists(st.sampled_from(langs), min_size=2, max_size=len(langs), unique=True))
        n_par = draw(st.integers(1, 4))
        out = {}
        for lang in chosen:
            paras = []
            for p in range(n_par):
                sents = [SENTENCES[lang][(p + k) % 3] for k in range(draw(st.integers(0, 3)))]
                if draw(st.booleans()):
                    sents.insert(draw(st.integers(0, len(sents))), draw(pieces()))
                paras.append(" ".join(sents))
            text = draw(st.sampled_from(NEWLINES[3:5])).join(paras)
            if draw(st.integers(0, 9)) == 0:  # one version far longer
                text = (text + "\n\n") * draw(st.integers(5, 60))
            out[lang] = text
        return out

    return build()


@dataclass(frozen=True)
class Encoded:
    data: bytes
    how: str


@st.composite
def file_bytes(draw, text_strategy: st.SearchStrategy[str] | None = None) -> Encoded:
    """A text encoded as a file might be: UTF-8 with or without BOM, UTF-16 LE/BE with BOM
    (sometimes with a lone surrogate), cut short inside a multi-byte sequence, or raw bytes."""
    text = draw(text_strategy if text_strategy is not None else documents())
    how = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "truncated", "surrogate", "raw"]))
    if how == "utf-8":
        data = text.encode("utf-8")
    elif how == "utf-8-sig":
        data = codecs.BOM_UTF8 + text.encode("utf-8")
    elif how in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if how == "utf-16-le" else codecs.BOM_UTF16_BE
        data = bom + text.encode(how)
    elif how == "surrogate":  # UTF-16 with a lone (escaped) surrogate in the middle
        k = draw(st.integers(0, len(text)))
        data = codecs.BOM_UTF16_LE + (text[:k] + "\ud800" + text[k:]).encode("utf-16-le", "surrogatepass")
    elif how == "truncated":
        full = (text or "가").encode("utf-8")
        data = full[: draw(st.integers(0, max(0, len(full) - 1)))] + "가".encode("utf-8")[:2]
    else:
        data = draw(st.binary(max_size=200))
    return Encoded(data, how)


# --- the contract ---------------------------------------------------------------------------


def one_line(message: str) -> bool:
    return bool(message) and "\n" not in message and "\r" not in message


def check_documents_contract(docs: list[Document], text_of: Callable[[Document], str] | None = None) -> None:
    """What every loaded document must satisfy: its paragraph spans are in order, inside
    its text, trimmed, not empty and visible."""
    from parallelcheck.load.paragraphs import has_visible

    for d in docs:
        text = text_of(d) if text_of else d.text
        assert d.paragraphs, f"{d.source}: a document without paragraphs"
        last = 0
        for span in d.paragraphs:
            assert last <= span.start < span.end <= len(text), (span, len(text))
            piece = text[span.start : span.end]
            assert piece == piece.strip() or not piece[0].isspace(), "paragraph not trimmed"
            assert has_visible(piece), f"invisible paragraph {piece!r}"
            last = span.end


@dataclass(frozen=True)
class Loader:
    """A reader under test: the file name it expects, how to load one file, and (for the
    exchange formats) a function wrapping fuzz text into a structurally valid file."""

    filename: str
    load: Callable[[Path], object]
    wrap: Callable[[str], bytes] | None = None
    documents: bool = True  # load returns list[Document] (else a UnitDocument)


def _load_text(path: Path) -> list[Document]:
    from parallelcheck.load import load_file

    return [load_file(path, "en")]


def _load_combined(path: Path) -> list[Document]:
    from parallelcheck.load import read_text, split_combined

    return split_combined(read_text(path), str(path))


def _load_markdown(path: Path) -> list[Document]:
    from parallelcheck.load import load_file

    return [load_file(path, "en", input_format="markdown")]


def _load_html(path: Path) -> list[Document]:
    from parallelcheck.load import load_file

    return [load_file(path, "en", input_format="html")]


def _markdown(text: str) -> bytes:
    """Fuzz text in every kind of Markdown block: front matter, heading, list, fence, inline
    code, a link, a shortcode and a comment."""
    return (f"---\ntitle: {text[:40]!r}\nweight: 3\n---\n\n# {text[:30]}\n\n{text}\n\n- {text[:20]}\n  - `{text[:10]}`\n\n"
            f"```\n{text}\n```\n\n[{text[:15]}](https://example.org/{text[:5]}) {{{{< note >}}}}{text[:25]}"
            f"{{{{< /note >}}}}\n\n<!-- {text} -->\n").encode("utf-8", "surrogatepass")


def _html(text: str) -> bytes:
    from html import escape

    t = escape(text)
    return (f"<!doctype html><html><head><title>{t[:30]}</title><style>p{{}}</style></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><h1>{t[:30]}</h1><p>{t}</p><ul><li>{t[:20]}</li></ul>"
            f"<pre><code>{t}</code></pre><table><tr><td>{t[:10]}</td></tr></table></main>"
            f"<footer>Share</footer></body></html>").encode("utf-8", "surrogatepass")


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    # Characters XML 1.0 cannot hold at all are left in: the reader must refuse them cleanly.
    return escape(text)


def _tmx(text: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" segtype="sentence" '
            'datatype="plaintext" adminlang="en" o-tmf="none" creationtool="t" creationtoolversion="1"/><body>'
            f'<tu tuid="1"><tuv xml:lang="en"><seg>{_xml(text)}</seg></tuv><tuv xml:lang="ko"><seg>한국어 {_xml(text[:20])}'
            '</seg></tuv></tu><tu tuid="2"><tuv xml:lang="en"><seg>Second.</seg></tuv><tuv xml:lang="ko"><seg>둘째.</seg>'
            '</tuv></tu></body></tmx>\n').encode("utf-8", "surrogatepass")


def _xliff(text: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            'version="2.1" srcLang="en" trgLang="fr"><file id="f"><unit id="u1"><segment><source>Open the file.'
            f'</source><target>{_xml(text)}</target></segment></unit><unit id="u2"><segment><source>'
            f'{_xml(text[::-1])}</source><target>Fin.</target></segment></unit></file></xliff>\n').encode("utf-8", "surrogatepass")


def _po(text: str) -> bytes:
    def q(t: str) -> str:
        return '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    return ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "Open the file."\nmsgstr {q(text)}\n\nmsgid {q(text[:30] or "x")}\nmsgstr "Fin."\n').encode(
                "utf-8", "surrogatepass")


def _load_tmx(path: Path):
    from parallelcheck.load.tmx import load_tmx

    return load_tmx(str(path), "en")


def _load_xliff(path: Path):
    from parallelcheck.load.xliff import load_xliff

    return load_xliff([(None, str(path))], "en")


def _load_po(path: Path):
    from parallelcheck.load.po import load_po

    return load_po([("fr", str(path))], "en")


LOADERS: dict[str, Loader] = {
    "text": Loader("doc.en.txt", _load_text),
    "combined": Loader("combined.txt", _load_combined),
    "tmx": Loader("doc.tmx", _load_tmx, _tmx, documents=False),
    "xliff": Loader("doc.fr.xlf", _load_xliff, _xliff, documents=False),
    "po": Loader("doc.fr.po", _load_po, _po, documents=False),
    "markdown": Loader("doc.en.md", _load_markdown, _markdown),
    "html": Loader("doc.en.html", _load_html, _html),
}


def _fingerprint(path: Path) -> tuple[str, int]:
    st_ = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st_.st_mtime_ns


def check_loader_contract(loader: Loader, data: bytes, directory: Path) -> str:
    """Write ``data`` to a file, load it, and check the contract: either a one-line
    :class:`InputError` or documents that satisfy :func:`check_documents_contract`; the
    file is never written. Returns "error" or "ok" (for statistics)."""
    path = directory / loader.filename
    path.write_bytes(data)
    before = _fingerprint(path)
    try:
        docs = loader.load(path)
    except InputError as exc:  # UsageError included
        assert one_line(str(exc)), repr(str(exc))
        outcome = "error"
    else:
        if loader.documents:
            check_documents_contract(docs)
        else:  # a UnitDocument: every unit's texts are strings of the file's content
            for unit in docs.units:
                assert isinstance(unit.source.text, str)
        outcome = "ok"
    assert _fingerprint(path) == before, "the input file was written"
    return outcome


# --- a fast stand-in for the encoder --------------------------------------------------------


class HashingEmbedder:
    """Deterministic character-trigram hashing vectors: similar texts get similar vectors,
    with no model to load, so the whole pipeline runs in milliseconds under fuzzing."""

    name = "hashing-test"
    dim = 64

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            t = f"  {t}  "
            for k in range(len(t) - 2):
                h = int.from_bytes(hashlib.blake2b(t[k : k + 3].encode("utf-8", "surrogatepass"),
                                                   digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0 if h & 1 << 31 else -1.0
            n = np.linalg.norm(out[i])
            out[i] = out[i] / n if n else np.eye(1, self.dim, i % self.dim)
        return out

    def info(self):
        return {"name": self.name, "backend": "test", "version": "0", "dim": self.dim}


# --- the report contract --------------------------------------------------------------------

SCHEMA_PATH = Path(__file__).parent / "report_v1.schema.json"


def check_json_report(report_text: str, texts: dict[str, str]) -> dict:
    """The JSON report is valid against the v1 schema, and every finding's location lies
    inside its version's text, on a paragraph of it, with the right line."""
    import jsonschema

    data = json.loads(report_text)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    for f in data["findings"]:
        text = texts[f["language"]]
        loc = f["location"]
        assert 0 <= loc["start"] <= loc["end"] <= len(text), (loc, len(text))
        assert text[loc["start"] : loc["end"]].strip(), f"finding on no text: {f}"
        breaks = len(re.findall(r"\r\n|\r|\n", text[: loc["start"]]))
        assert loc["line"] == breaks + 1, (loc, breaks)
    return data


def fingerprint_files(paths: list[Path]) -> dict[str, tuple[str, int]]:
    return {str(p): _fingerprint(p) for p in paths}


