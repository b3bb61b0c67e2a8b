"""PC104: a complete but compressed rendering is not a cut sentence.

A translation that says everything its counterparts say in far fewer words is short, and the
encoder's noise can make it look like it matches only part of them, or like it misses the
reference's close (a sentence of one clause matches a short close poorly as a piece however well
it renders it). Two checks tell it from a cut: it expresses every part of the reference —
each clause and each third — about as well as the other versions do (nothing is lost), and
the close it seems to lack is not confirmed by the whole sentence, which does not prefer the
reference's opening to the whole reference any more than the other versions do.

A transparent stand-in for the encoder (which concepts a text names, Korean and English
alike) shows both on sentences of ours; a cut rendering of the same sentences is still
reported.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from parallelcheck.align.pairwise import Bead
from parallelcheck.align.verify import pieces
from parallelcheck.checks import truncated
from parallelcheck.settings import DEFAULT

CONCEPTS = {
    "council": "council", "시의회": "council", "monday": "monday", "월요일": "monday",
    "bridge": "bridge", "다리": "bridge", "river": "river", "강 ": "river", "open": "open", "개통": "open",
    "spring": "spring", "봄": "spring", "years": "years", "수년": "years", "delays": "delays",
    "지연": "delays", "mayor": "mayor", "시장": "mayor",
    "museum": "museum", "박물관": "museum", "close": "close", "닫": "close", "winter": "winter",
    "겨울": "winter", "staff": "staff", "직원": "staff", "move": "move", "옮": "move",
    "building": "building", "건물": "building", "collection": "collection", "소장품": "collection",
    "busan": "busan", "부산": "busan",
}
AXES = sorted(set(CONCEPTS.values()))


def _bag(text: str) -> np.ndarray:
    low = text.lower()
    v = np.array([any(k in low for k, c in CONCEPTS.items() if c == axis) for axis in AXES], dtype=np.float64)
    return v / max(np.linalg.norm(v), 1e-9)


def _ctx(en: str, ko: str, ja: str, fr: str):
    """One sentence per version; ja and fr render the reference faithfully (their vectors are
    the reference's), ko is the version under test."""
    texts = {"en": en, "ko": ko, "ja": ja, "fr": fr}
    segments = {lang: [SimpleNamespace(text=t, paragraph=0, kind="sentence", start=0, end=len(t))]
                for lang, t in texts.items()}

    class Matcher:
        def __init__(self, lang):
            self.text = texts["ko" if lang == "ko" else "en"]

        def group_vector(self, idx):
            return _bag(self.text)

        def piece_vectors(self, idx):
            return np.vstack([_bag(self.text)] + [_bag(p) for p in pieces(self.text)])

    matchers = {lang: Matcher(lang) for lang in texts}
    ctx = SimpleNamespace(
        settings=DEFAULT, segments=segments, pivot="en", source=None, docs=None,
        encode=lambda ts: np.vstack([_bag(t) for t in ts]), scale=lambda a, b: 1.0, matchers=matchers,
        similarity=lambda a, ia, b, ib: float(matchers[a].group_vector(ia) @ matchers[b].group_vector(ib)),
        version_beads={"ko": {0: Bead((0,), (0,), 0.8)}},
    )
    beads = {lang: Bead((0,), (0,), 0.8) for lang in ("ko", "ja", "fr")}
    return ctx, beads


# The document's other Korean sentences are about as long as their counterparts: this one,
# at `SHORT` of its counterparts' length, stands far out (z about -4).
LOGS = np.log(np.array([1.0, 1.02, 0.97, 1.01, 0.55]))
SHORT = 0.55

BRIDGE = ("The council said on Monday that the new bridge over the river will open in spring after years "
          "of delays, as the mayor told reporters gathered outside the old town hall that morning.")
BRIDGE_JA = "市議会は月曜日、川に架かる新しい橋が数年の遅れを経て春に開通すると発表したと、市長が記者団に語った。"
BRIDGE_FR = ("Le conseil a annoncé lundi que le nouveau pont sur la rivière ouvrira au printemps après des "
             "années de retard, a déclaré le maire aux journalistes.")


def test_a_one_clause_rendering_that_says_the_close_is_not_cut():
    # one Korean clause for the whole sentence, the mayor included: as a piece it matches the
    # reference's close (the mayor and the reporters) poorly, but the whole sentence does not
    # prefer the reference's opening more than the faithful versions do
    ko = "시장은 그날 아침 시청 앞에서 시의회가 월요일 수년간의 지연 끝에 강 위의 새 다리가 봄에 개통한다고 밝혔다."
    ctx, beads = _ctx(BRIDGE, ko, BRIDGE_JA, BRIDGE_FR)
    assert truncated._tail_lost(ctx, "ko", beads["ko"], beads)  # the piece measure alone says lost
    assert truncated._opening_gain(ctx, "ko", beads["ko"], beads, SHORT) < DEFAULT.truncation.tail_opening_gain
    assert truncated._verdict(ctx, "ko", beads["ko"], beads, SHORT, LOGS) is None


def test_a_rendering_that_drops_the_close_is_still_cut():
    # the same sentence without who said it: the opening is kept, the close is gone
    ko = "시의회는 월요일 수년간의 지연 끝에 강 위의 새 다리가 봄에 개통한다고 밝혔다."
    ctx, beads = _ctx(BRIDGE, ko, BRIDGE_JA, BRIDGE_FR)
    assert truncated._opening_gain(ctx, "ko", beads["ko"], beads, SHORT) >= DEFAULT.truncation.tail_opening_gain
    assert not truncated._nothing_lost(ctx, "ko", beads["ko"], beads)
    assert truncated._verdict(ctx, "ko", beads["ko"], beads, SHORT, LOGS) is not None


MUSEUM = "The museum will close in winter, the staff will move to the new building, and the collection will travel to Busan."
MUSEUM_JA = "博物館は冬に閉館し、職員は新しい建物に移り、収蔵品は釜山へ行く。"
MUSEUM_FR = "Le musée fermera en hiver, le personnel déménagera dans le nouveau bâtiment et la collection ira à Busan."


@pytest.fixture
def noisy_part_gain(monkeypatch):
    # the encoder's noise on a compressed rendering: it seems to match a part of the others a
    # little better than their whole (above every tier's min_part_gain)
    gain = max(t.min_part_gain for t in DEFAULT.truncation.tiers) + 0.01
    monkeypatch.setattr(truncated, "_part_gain", lambda *args, **kwargs: gain)


def test_a_compressed_rendering_that_expresses_every_part_is_not_cut(noisy_part_gain):
    ko = "박물관은 겨울에 닫고, 직원은 새 건물로 옮기며, 소장품은 부산으로 간다."
    ctx, beads = _ctx(MUSEUM, ko, MUSEUM_JA, MUSEUM_FR)
    assert truncated._nothing_lost(ctx, "ko", beads["ko"], beads)
    assert truncated._verdict(ctx, "ko", beads["ko"], beads, SHORT, LOGS) is None


def test_a_rendering_that_loses_a_part_is_cut_on_the_same_evidence(noisy_part_gain):
    ko = "박물관은 겨울에 문을 닫고, 직원은 새 건물로 옮긴다."  # the collection's move is lost
    ctx, beads = _ctx(MUSEUM, ko, MUSEUM_JA, MUSEUM_FR)
    assert not truncated._nothing_lost(ctx, "ko", beads["ko"], beads)
    assert truncated._verdict(ctx, "ko", beads["ko"], beads, SHORT, LOGS) is not None
