"""Loading: decoding, languages, paragraphs, boilerplate, language identification, combined
files and input specs."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from parallelcheck.errors import InputError, UsageError
from parallelcheck.languages import is_language_code, language_name, normalize_language
from parallelcheck.load import (
    content_paragraphs,
    decode_bytes,
    document_from_text,
    identify_language,
    is_boilerplate,
    language_from_filename,
    load_file,
    load_paths,
    split_combined,
    split_paragraphs,
)
from parallelcheck.load import decode as decode_module
from parallelcheck.load.langid import JAPANESE_ONLY, SIMPLIFIED_ONLY, TRADITIONAL_ONLY
from parallelcheck.model import Span

SEED = Path(__file__).resolve().parent.parent / "examples" / "sme-ministry-briefing.5lang.txt"
SEED_ORDER = ["ko", "en", "ja", "zh", "fr"]
JA_TITLE = "中基部、2026年業務報告会開催…公共・民間機関と政策推進点検"

# (first paragraph starts with, last paragraph ends with) for every version of the seed.
SEED_EDGES = {
    "ko": ("중기부, 2026년 업무보고회 개최…공공·민간 기관과 정책 추진 점검", "3대 핵심미션을 제시했다."),
    "en": ("The Ministry of SMEs and Startups will hold a 2026 business report meeting",
           "and bold support for local businesses."),
    "ja": (JA_TITLE, "果敢な地域企業支援など3大核心ミッションを提示した。"),
    "zh": ("中小企业和创业部将于 2026 年召开商业报告会议", "数据驱动的服务创新以及大力支持本地企业。"),
    "fr": ("Le ministère des PME et des Start-ups organisera une réunion de bilan",
           "un soutien résolu aux entreprises locales."),
}


@pytest.fixture(scope="module")
def seed_docs():
    return load_paths([str(SEED)])


def _paragraphs(doc):
    return [doc.paragraph_text(i) for i in range(len(doc.paragraphs))]


# --- the seed, as one combined file --------------------------------------------------------


def test_seed_splits_into_five_versions_in_file_order(seed_docs):
    assert [d.language for d in seed_docs] == SEED_ORDER
    assert [len(d.paragraphs) for d in seed_docs] == [5, 5, 5, 5, 5]
    text = SEED.read_text(encoding="utf-8")
    for d in seed_docs:
        assert d.text == text
        assert d.source == str(SEED)


def test_seed_first_and_last_paragraphs(seed_docs):
    for d in seed_docs:
        first, last = SEED_EDGES[d.language]
        paras = _paragraphs(d)
        assert paras[0].startswith(first), (d.language, paras[0][:60])
        assert paras[-1].endswith(last), (d.language, paras[-1][-60:])
    ja = next(d for d in seed_docs if d.language == "ja")
    assert ja.paragraph_text(0) == JA_TITLE


def test_seed_offsets_are_exact_and_trimmed(seed_docs):
    for d in seed_docs:
        spans = d.paragraphs
        assert list(spans) == sorted(spans, key=lambda s: s.start)
        for span in spans:
            para = d.text[span.start : span.end]
            assert para and para == para.strip()
            assert "\n\n" not in para
    # versions do not overlap and follow each other in the file
    bounds = [(d.paragraphs[0].start, d.paragraphs[-1].end) for d in seed_docs]
    assert all(a[1] < b[0] for a, b in zip(bounds, bounds[1:]))


def test_seed_has_no_boilerplate_inside_versions(seed_docs):
    for d in seed_docs:
        for para in _paragraphs(d):
            assert "•" not in para
            assert "%d" not in para
            assert "bloggers" not in para
            assert para.strip("\u00a0 ")


def test_seed_split_into_files_gives_the_same_paragraphs(seed_docs, tmp_path):
    specs = []
    for d in seed_docs:
        start, end = d.paragraphs[0].start, d.paragraphs[-1].end
        # each file carries its version plus the widget line that followed it in the page
        after = d.text[end : end + 200].split("\n\n\n")[0]
        path = tmp_path / f"briefing.{d.language}.txt"
        path.write_text(d.text[start:end] + after + "\n", encoding="utf-8")
        specs.append(str(path))
    singles = load_paths(specs)
    assert [d.language for d in singles] == SEED_ORDER
    for combined, single in zip(seed_docs, singles):
        assert _paragraphs(single) == _paragraphs(combined)


def test_seed_is_deterministic(seed_docs):
    again = load_paths([str(SEED)])
    assert again == seed_docs
    text = SEED.read_text(encoding="utf-8")
    spans = split_paragraphs(text)
    first = [identify_language(text[s.start : s.end]) for s in spans]
    second = [identify_language(text[s.start : s.end]) for s in spans]
    assert first == second


def test_seed_loads_fast(seed_docs):
    start = time.perf_counter()
    load_paths([str(SEED)])
    assert time.perf_counter() - start < 0.3


# --- language identification --------------------------------------------------------------


def test_kanji_only_japanese_title_is_japanese():
    lang, conf = identify_language(JA_TITLE)
    assert lang == "ja" and conf > 0.5
    # even without its single hiragana, Japanese-only forms (関, 検) decide
    lang, _ = identify_language(JA_TITLE.replace("と", ""))
    assert lang == "ja"


def test_seed_chinese_paragraphs_are_chinese(seed_docs):
    zh = next(d for d in seed_docs if d.language == "zh")
    for para in _paragraphs(zh):
        assert identify_language(para)[0] == "zh"


def test_seed_paragraphs_identified_individually(seed_docs):
    for d in seed_docs:
        for para in _paragraphs(d):
            lang, conf = identify_language(para)
            assert lang == d.language, (d.language, para[:40])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("정부는 오늘 새로운 정책을 발표했다.", "ko"),
        ("政府は本日、新しい政策を発表した。", "ja"),
        ("政府今天发布了新的政策。", "zh"),
        ("中華民國經濟部今天發表報告。", "zh"),  # traditional Chinese
        ("The government announced a new policy today.", "en"),
        ("Le gouvernement a annoncé aujourd'hui une nouvelle politique.", "fr"),
        ("Die Regierung hat heute eine neue Politik angekündigt.", "de"),
        ("%d bloggers like this:", "en"),
    ],
)
def test_identify_language(text, expected):
    assert identify_language(text)[0] == expected


def test_no_evidence_gives_no_language():
    assert identify_language("2026 · 12 · 31") == (None, 0.0)
    assert identify_language("山田太郎") == (None, 0.0)  # a name: shared characters only


def test_han_character_sets_are_disjoint():
    assert not SIMPLIFIED_ONLY & JAPANESE_ONLY
    assert not TRADITIONAL_ONLY & JAPANESE_ONLY
    assert not SIMPLIFIED_ONLY & TRADITIONAL_ONLY
    # forms both Chinese and Japanese write are evidence for neither
    for shared in "会国区点学体":
        assert shared not in SIMPLIFIED_ONLY | JAPANESE_ONLY | TRADITIONAL_ONLY


# --- paragraphs ---------------------------------------------------------------------------


def test_split_paragraphs_blank_lines_and_trimming():
    text = "  First line\nsame paragraph  \n\n\u00a0\n\u3000\nSecond\n \t \nThird\n\n"
    spans = split_paragraphs(text)
    assert [text[s.start : s.end] for s in spans] == ["First line\nsame paragraph", "Second", "Third"]
    assert spans[0] == Span(2, 27)


def test_split_paragraphs_crlf_offsets_are_exact():
    text = "Alpha one.\r\nAlpha two.\r\n\r\nBeta.\r\n  \r\n\r\nGamma.\r\n"
    spans = split_paragraphs(text)
    assert [text[s.start : s.end] for s in spans] == ["Alpha one.\r\nAlpha two.", "Beta.", "Gamma."]
    assert spans[1] == Span(text.index("Beta"), text.index("Beta") + 5)
    # old Mac line ends too
    mac = "One\r\rTwo\r"
    assert [mac[s.start : s.end] for s in split_paragraphs(mac)] == ["One", "Two"]


def test_split_paragraphs_range_and_whitespace_only():
    text = "aa\n\nbb\n\ncc"
    spans = split_paragraphs(text, 4, 10)
    assert [text[s.start : s.end] for s in spans] == ["bb", "cc"]
    assert split_paragraphs(" \n\u00a0\n\u3000 ") == []


def test_crlf_document_offsets(tmp_path):
    path = tmp_path / "crlf.en.txt"
    path.write_bytes(b"Title line\r\n\r\nBody sentence one.\r\nStill body.\r\n\r\n  \xe2\x80\xa2 Read more\r\n")
    doc = load_file(path)
    assert doc.language == "en"
    assert _paragraphs(doc) == ["Title line", "Body sentence one.\r\nStill body."]
    assert doc.paragraphs[1].start == doc.text.index("Body")


# --- boilerplate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "  • 관련 기사 더 보기",
        "  • See more related articles",
        "  • 関連記事をもっと見る",
        "  • 查看更多相关文章",
        "  • Voir plus d'articles connexes\n%d bloggers like this:",
        "%d bloggers like this:",
        "Like this:",
        "Share this:",
        "Read more",
        "Related posts",
        "Advertisement",
        "» Weitere Artikel",
        "• Ver más noticias relacionadas",
        "Share this:\nClick to share on Facebook (Opens in new window)\nLike this:\nLike Loading...",
        "This website uses cookies to improve your experience.",
        "\u00a0",
    ],
)
def test_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        JA_TITLE,
        "중기부, 2026년 업무보고회 개최…공공·민간 기관과 정책 추진 점검",
        "Introduction",
        "Related work",
        "Read more books, says minister",
        "The cookie economy",
        "Advertisement rules tightened",
        "• Market share rose 5%",
        "• 관련 부처 협의",
        "Like this, the ministry plans to grow its support for local businesses.",
        "Growth reached 5% in 2025",
    ],
)
def test_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_widget_line_glued_to_content_is_trimmed():
    text = "Real content sentence here.\n  • See more related articles\n\nNext."
    spans = content_paragraphs(text)
    assert [text[s.start : s.end] for s in spans] == ["Real content sentence here.", "Next."]


# --- decoding -------------------------------------------------------------------------------


def test_decode_utf8_bom_is_stripped():
    assert decode_bytes(codecs.BOM_UTF8 + "안녕하세요".encode(), "a.txt") == "안녕하세요"


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_decode_utf16_with_bom(encoding, bom):
    text = "Bonjour\r\n\r\n世界"
    assert decode_bytes(bom + text.encode(encoding), "a.txt") == text


def test_decode_latin1_is_refused_with_position():
    data = "Café au lait".encode("latin-1")
    with pytest.raises(InputError, match=r"^a\.txt: not UTF-8 or UTF-16 text \(invalid byte 0xe9 at offset 3\)$"):
        decode_bytes(data, "a.txt")


def test_decode_binary_and_empty():
    with pytest.raises(InputError, match=r"^x\.bin: looks like a binary file$"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.bin")
    with pytest.raises(InputError, match=r"binary"):
        decode_bytes(bytes(range(1, 32)) * 10, "x.bin")
    with pytest.raises(InputError, match=r"^e\.txt: file is empty$"):
        decode_bytes(b"", "e.txt")
    with pytest.raises(InputError, match=r"^e\.txt: file is empty$"):
        decode_bytes(" \n\t\u00a0\u3000\n".encode(), "e.txt")


def test_decode_refuses_huge_data(monkeypatch):
    monkeypatch.setattr(decode_module, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        decode_bytes(b"a" * 11, "big.txt")


def test_utf16_file_loads(tmp_path):
    path = tmp_path / "doc.fr.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Titre\n\nLe ministère a annoncé une réunion.".encode("utf-16-le"))
    doc = load_file(path)
    assert doc.language == "fr"
    assert _paragraphs(doc) == ["Titre", "Le ministère a annoncé une réunion."]


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, expected",
    [("en", "en"), ("EN", "en"), ("zh-cn", "zh"), ("zh-TW", "zh"), ("zh-Hans", "zh"),
     ("zh_Hant", "zh"), ("zh_CN", "zh"), ("pt-br", "pt"), ("ko-KR", "ko"), ("es-419", "es"), (" ja ", "ja")],
)
def test_normalize_language(code, expected):
    assert normalize_language(code) == expected


@pytest.mark.parametrize("code", ["xx", "", "english", "k", "zh-", "en-us-extra-stuff"])
def test_unknown_language_code(code):
    with pytest.raises(UsageError, match=r"unknown language code '.*' \(expected an ISO 639-1 code"):
        normalize_language(code)


def test_language_names():
    assert language_name("ko") == "Korean"
    assert language_name("zh") == "Chinese"
    assert is_language_code("fr") and not is_language_code("xx")


# --- file names and specs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        ("article.ko.txt", "ko"),
        ("ko.txt", "ko"),
        ("ko/article.txt", "ko"),
        ("article_ko.txt", "ko"),
        ("article-ko.md", "ko"),
        ("report.zh-CN.txt", "zh-CN"),  # locale variants keep their region
        ("report_zh_TW.txt", "zh-TW"),
        ("press/fr/2026-briefing.txt", "fr"),
        ("article.txt", None),
        ("go-to-market.txt", None),
        ("notes/article.xx.txt", None),
        ("so-what.txt", None),
    ],
)
def test_language_from_filename(path, expected):
    assert language_from_filename(path) == expected


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


EN = "The ministry announced a new support programme for small businesses on Monday."
FR = "Le ministère a annoncé lundi un nouveau programme de soutien aux petites entreprises."
KO = "중소벤처기업부는 월요일 소상공인을 위한 새로운 지원 프로그램을 발표했다."


def test_explicit_and_named_and_detected_languages(tmp_path):
    a = _write(tmp_path, "a.txt", EN)
    b = _write(tmp_path, "b.txt", FR)
    c = _write(tmp_path, "ko/c.txt", KO)
    docs = load_paths([f"en={a}", b, c])
    assert [(d.language, d.source) for d in docs] == [("en", a), ("fr", b), ("ko", c)]
    # an explicit LANG= wins over the content (and is normalised)
    docs = load_paths([f"zh-CN={a}", f"FR={b}"])
    assert [d.language for d in docs] == ["zh-CN", "fr"]


def test_languages_filter(tmp_path):
    docs = load_paths([str(SEED)], languages=["en", "ko"])
    assert [d.language for d in docs] == ["ko", "en"]
    with pytest.raises(InputError, match=r"no 'de' version"):
        load_paths([str(SEED)], languages=["en", "de"])


def test_one_language_only(tmp_path):
    path = _write(tmp_path, "only.txt", f"제목\n\n{KO}\n\n{KO}")
    with pytest.raises(InputError, match=r"^only one language version found in .*only\.txt \(ko\); need at least two$"):
        load_paths([path])
    with pytest.raises(InputError, match=r"need at least two"):
        load_paths([f"en={_write(tmp_path, 'e.txt', EN)}"])


def test_unknown_code_in_spec(tmp_path):
    path = _write(tmp_path, "a.txt", EN)
    with pytest.raises(UsageError, match=r"unknown language code 'xx'"):
        load_paths([f"xx={path}", path])
    with pytest.raises(UsageError, match=r"unknown language code 'xx'"):
        load_paths([str(SEED)], languages=["xx"])


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        load_paths([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match=r"no such file"):
        load_paths([f"en={tmp_path / 'nope.txt'}", str(SEED)])
    with pytest.raises(InputError, match=r"is a directory"):
        load_paths([str(tmp_path)])


def test_duplicate_language(tmp_path):
    a = _write(tmp_path, "a.txt", EN)
    b = _write(tmp_path, "b.txt", EN.replace("Monday", "Tuesday"))
    with pytest.raises(UsageError, match=rf"^two versions in language 'en': {a} and {b}$"):
        load_paths([a, b])
    with pytest.raises(UsageError, match=r"two versions in language 'ja'"):
        load_paths([f"ja={a}", f"ja={b}"])


def test_bad_files_through_load_paths(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Déjà vu".encode("latin-1"))
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    for path, message in [(empty, "file is empty"), (latin, "not UTF-8 or UTF-16"), (binary, "binary")]:
        with pytest.raises(InputError, match=message) as info:
            load_paths([str(path)])
        assert str(path) in str(info.value)
        assert "\n" not in str(info.value)


def test_inputs_are_not_written(tmp_path):
    path = _write(tmp_path, "combined.txt", SEED.read_text(encoding="utf-8"))
    before = (Path(path).read_bytes(), Path(path).stat().st_mtime_ns)
    load_paths([path])
    assert (Path(path).read_bytes(), Path(path).stat().st_mtime_ns) == before


# --- combined files and documents from text -------------------------------------------------------


def test_combined_language_in_two_places_is_an_error():
    text = f"{EN}\n\n{FR}\n\n{EN}"
    with pytest.raises(InputError, match=r"English \(en\) text appears in two separate places"):
        split_combined(text, "mixed.txt")


def test_combined_title_joins_the_run_it_heads():
    text = f"{KO}\n\n{KO}\n\n山田太郎\n\n{EN}\n\n{EN}"
    docs = split_combined(text, "t.txt")
    assert [(d.language, len(d.paragraphs)) for d in docs] == [("ko", 2), ("en", 3)]
    assert docs[1].paragraph_text(0) == "山田太郎"


def test_document_from_text():
    doc = document_from_text("zh-CN", "标题\n\n正文。\n\n  • 查看更多相关文章\n", source="<zh>")
    assert doc.language == "zh-CN" and doc.source == "<zh>"
    assert _paragraphs(doc) == ["标题", "正文。"]
    with pytest.raises(InputError, match="empty"):
        document_from_text("en", " \n ")
    with pytest.raises(InputError, match="no text content"):
        document_from_text("en", "Read more\n\nShare this:")
    with pytest.raises(UsageError, match="unknown language code 'xx'"):
        document_from_text("xx", "text")


def test_kanaless_full_sentence_is_weakly_chinese():
    assert identify_language("有些信徒埋怨主教教区方面缺乏透明度。") == ("zh", 0.5)


NTREX = Path(__file__).resolve().parent / "fixtures" / "ntrex" / "documents.json"


def _ntrex_versions():
    import json

    docs = json.loads(NTREX.read_text(encoding="utf-8"))["documents"]
    joiner = {"ja": "", "zh": ""}
    out = []
    for doc in docs:
        versions = {}
        for lang, lines in doc["lines"].items():
            sep = joiner.get(lang, " ")
            versions[lang] = [sep.join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        out.append((doc["id"], versions))
    return out


@pytest.mark.skipif(not NTREX.exists(), reason="ntrex fixture absent")
@pytest.mark.parametrize("order", [("en", "ko", "ja", "zh", "fr"), ("zh", "ja", "fr", "ko", "en"), ("ja", "zh", "en", "fr", "ko")])
def test_combined_ntrex_documents_in_any_order(order):
    for doc_id, versions in _ntrex_versions():
        parts = []
        for lang in order:
            parts += versions[lang] + ["  • See more related articles", "%d bloggers like this:"]
        text = "\r\n\r\n".join(parts)
        docs = split_combined(text, doc_id)
        assert [d.language for d in docs] == list(order), doc_id
        for d in docs:
            assert _paragraphs(d) == versions[d.language]


def test_word_before_equals_is_a_language(tmp_path):
    path = _write(tmp_path, "a.txt", EN)
    with pytest.raises(UsageError, match=r"unknown language code 'english'"):
        load_paths([f"english={path}", str(SEED)])


def test_utf32_is_refused_clearly():
    with pytest.raises(InputError, match=r"^u\.txt: UTF-32 text is not supported"):
        decode_bytes(codecs.BOM_UTF32_LE + "hi".encode("utf-32-le"), "u.txt")


def test_locale_variants_are_distinct_versions(tmp_path):
    """zh-CN and zh-TW (pt-BR and pt-PT) are two versions, each keeping its tag; a bare code
    names the one version in that language."""
    from parallelcheck.languages import language_tag, profile, resolve_language

    files = {}
    for name, text in (("zh-cn", "图书馆在三楼。"), ("zh-tw", "圖書館在三樓。"), ("en", "The library is on the third floor.")):
        (tmp_path / name).mkdir()
        files[name] = tmp_path / name / "page.txt"
        files[name].write_text(text + "\n", encoding="utf-8")
    docs = load_paths([str(p) for p in files.values()])
    assert [d.language for d in docs] == ["zh-CN", "zh-TW", "en"]
    docs = load_paths([f"pt-br={files['en']}", f"pt_PT={files['en']}"])
    assert [d.language for d in docs] == ["pt-BR", "pt-PT"]
    assert profile("zh-TW") is profile("zh") and language_tag("zh-hant") == "zh-Hant"
    assert resolve_language("zh", ["en", "zh-CN"]) == "zh-CN"
    assert resolve_language("zh", ["zh-CN", "zh-TW"]) is None
    with pytest.raises(UsageError, match="two versions in language 'zh-CN'"):
        load_paths([f"zh-CN={files['zh-cn']}", f"zh-cn={files['zh-tw']}"])
