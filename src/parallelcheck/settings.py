"""Every tuned number of parallelcheck, in one tree of frozen dataclasses, grouped by stage.

This module is the only home of tuned numbers: the aligner, the loaders and the checks read
them from here (the settings a run was given travel with it: ``Settings`` → the aligner's
``settings=``, the checks' ``ctx.settings``). Language knowledge (scripts, particles, number
words…) lives in :mod:`parallelcheck.languages` instead; a number that depends on the
language (a length in characters, which scripts without spaces reach sooner) is a mapping
here, keyed by language code, with ``"*"`` for every other language.

Each field says what it is and what it was measured on. Unless said otherwise:
*normalised similarity* is a cosine divided by the document's typical similarity for the
language pair (1.0 = as similar as good translations in this document), and lengths are
counted without whitespace. "NTREX" is ``python -m benchmarks.defects`` (123 documents,
tuned on documents 10-69), "Text+Berg" is ``python -m benchmarks.align``.

The config file and the Python API take the same tree::

    [tool.parallelcheck.settings.truncation]
    length = 0.55

    parallelcheck.check(texts, settings=Settings().replace("truncation.length", 0.55))

Light module: the config reads it without loading numpy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Mapping


@dataclass(frozen=True)
class AlignmentSettings:
    """The pairwise DP (``align/pairwise.py``) and the N-way passes (``align/nway.py``)."""

    # Segment-level DP. match_cost: tuned on NTREX — any positive cost turns loose
    # translations into pairs of gaps.
    match_cost: float = 0.0
    # Subtracted per gap bead (1-0 or 0-1): a true merge must beat "1-1 plus a gap"
    # (NTREX split/merge variants; Text+Berg strict F1 .907).
    gap_cost: float = 0.2
    # Weight of |log(length ratio / expected ratio)| in a bead's score (NTREX, Text+Berg).
    length_weight: float = 0.35
    # Half-width of the DP's search band, in units, around the scaled diagonal (a guard on
    # time and memory: 10,000-sentence versions in benchmarks/speed.py).
    band: int = 24
    # Groups longer than this (characters) are not built (memory/time guard).
    max_merge_chars: int = 2000
    # Up to this many cells (when the band covers the table anyway) the DP runs cell by cell
    # in plain Python, which is faster on a paragraph's few sentences (same beads either way).
    full_table_cells: int = 2500
    # Paragraph-level DP: no gap cost — a dropped paragraph must stay a gap (no second look
    # at paragraph level would split it out of a merge), and translators rarely merge them.
    paragraph_gap_cost: float = 0.0
    paragraph_length_weight: float = 0.35
    # Calibration: what good matches of a language pair score in this document is this
    # quantile of the best-match similarities, at least the floor; without any, the default.
    typical_quantile: float = 0.6
    typical_floor: float = 0.2
    typical_default: float = 0.5
    # An extra paragraph (one the pivot doesn't have) that clearly continues one neighbour's
    # content is re-attached as a split at this normalised similarity, when that neighbour
    # beats the other by the margin (NTREX split variants: 36 -> 31 false findings).
    split_clear_floor: float = 0.55
    split_clear_margin: float = 0.15
    # A sentence of an unmatched paragraph counts as held by a neighbouring paragraph's spare
    # sentences at this normalised similarity (below verification.expressed: the spare
    # sentences are evidence of their own; NTREX merged paragraphs 1 -> 0 false findings).
    sentence_in_neighbour: float = 0.65


@dataclass(frozen=True)
class VerificationSettings:
    """The clause-level second look at the alignment (``align/verify.py``)."""

    # A merged unit whose normalised similarity to the whole group is at least this is
    # trusted without looking at its pieces (the seed's Japanese ▲ list; NTREX).
    trusted: float = 0.75
    # Normalised similarity of the best clause piece at or above which a unit counts as
    # expressed (NTREX deleted sentences vs split sentences). The missing-content checks
    # use it too.
    expressed: float = 0.72
    # A 1-1 match under this normalised similarity is no match at all (NTREX replaced
    # sentences score -0.17 to 0.29).
    unrelated: float = 0.3
    # Clauses per piece, and pieces per group (bounds the encoding on very long segments).
    max_window: int = 3
    max_pieces: int = 40
    # An opening or close piece longer than this share of the text is not a piece.
    end_piece_share: float = 0.8
    # A 1-1 match under this (but not unrelated) is undone when its version unit makes a
    # neighbouring match better by more than absorb_gain (NTREX deleted sentences).
    weak: float = 0.6
    absorb_gain: float = 0.03
    # The near end of a neighbour, cut to the gap's length, expresses the gap already at
    # end_expressed when adding the gap improves the neighbour's length fit by
    # end_length_gain (NTREX 'join' variant: run-together sentences scored 0.27-0.50,
    # deleted sentences 0.02; 16 -> 7 false findings).
    end_expressed: float = 0.5
    end_length_gain: float = 0.2
    # How much worse (in |log length ratio|) the neighbour may fit with the gap added: when
    # its near end expresses the gap outright, and otherwise (at 0.35 a French truncation
    # was lost; NTREX).
    end_length_slack: float = 0.3
    length_slack: float = 0.15
    # Where a gap is placed, or which part of a merge across a code block keeps the match,
    # a unit and a version unit followed by the same command (a tldr page's example lines,
    # option placeholders kept, names blanked) count this much more similar. Measured on
    # tldr half A (python -m benchmarks.realdocs): 0.2, 0.35, 0.5 and 1.0 give the same
    # findings, 0 names one example wrongly; tests/fixtures/code_anchors needs it too. The
    # NTREX benchmarks have no such commands and do not move.
    same_code_bonus: float = 0.5


@dataclass(frozen=True)
class EvidenceTier:
    """One way PC104's three kinds of evidence add up: a sentence under
    ``truncation.length + longer_by`` of its counterparts' length, at most ``max_z`` below
    its language's usual relative length, that matches a part of the others better than
    their whole by more than ``min_part_gain``."""

    longer_by: float
    max_z: float
    min_part_gain: float


@dataclass(frozen=True)
class TruncationSettings:
    """PC104 truncated-sentence (``checks/truncated.py``). Chosen on NTREX documents 10-69;
    clean-document warnings read by hand in benchmarks/RESULTS.md §2."""

    # Shorter than this share of its counterparts' length: a candidate.
    length: float = 0.6
    # The same for a sentence that ends mid-phrase (segment.endings): less length evidence
    # is needed (python -m benchmarks.endings).
    mid_phrase_length: float = 0.85
    # ... and for a weak mid-phrase ending (one that closes sentences too, Chinese 的): the
    # complete sentences flagged this way on NTREX's clean documents (half A) are 0.79-0.82
    # of their counterparts' length, the cut ones 0.65.
    weak_mid_phrase_length: float = 0.7
    # Any one tier suffices (a logistic model on the same evidence did no better on held-out
    # documents: RESULTS.md).
    tiers: tuple[EvidenceTier, ...] = (
        EvidenceTier(0.0, -3.0, 0.01),
        EvidenceTier(0.1, -3.5, 0.04),
        EvidenceTier(0.0, -2.0, 0.06),
    )
    # Floor for the spread of log relative length, and the fewest sentences to measure one.
    min_spread: float = 0.12
    min_sentences_for_spread: int = 4
    # A clause is lost when this version covers it at less than this share of the other
    # versions' median coverage (for the message; PC102's merge path uses the same test).
    lost_ratio: float = 0.8
    # Clauses with fewer letters or digits join the next one when naming lost clauses.
    min_clause_chars: int = 8
    # Content moved into a neighbour excuses a short sentence: the reference matches the two
    # together better by moved_gain, and they are at least moved_min_length of their
    # counterparts' length (+2 truncations, +1 deleted sentence on NTREX).
    moved_gain: float = 0.04
    moved_min_length: float = 0.85
    # A version that splits one sentence in two: the short sentence's neighbour in the
    # paragraph matches no reference sentence and expresses the reference's close (its last
    # tail_share) at least at this share of the other versions' coverage. NTREX clean
    # documents, half A: such remainders 0.26-1.25; the unmatched neighbours of cut sentences
    # (the defect benchmark's truncations): -0.05-0.17.
    split_close: float = 0.25
    # Second evidence: the reference's close (its last tail_share) is expressed at under
    # tail_lost of the others' coverage while its opening is kept, for a sentence under
    # length + tail_longer_by and z at most tail_max_z (+6 truncations, +11 clean warnings).
    tail_share: float = 0.4
    tail_lost: float = 0.62
    tail_max_z: float = -2.5
    # The same judged against the source alone (--source): the close's coverage must be under
    # this. Closes a lagging translation lacks scored 0.21-0.33 (tests/fixtures/truncation/
    # notice.*), a complete Japanese sentence 0.55 (tests/fixtures/merged/envoy.*).
    source_tail_lost: float = 0.45
    tail_longer_by: float = 0.06
    # Reference sentences shorter than this (characters) have a close of a word or two: not
    # judged. CJK scripts say as much in fewer characters (NTREX clean documents).
    tail_min_reference: Mapping[str, int] = field(
        default_factory=lambda: {"*": 50, "ko": 25, "ja": 20, "zh": 20})
    # ... and, judged by consensus, the sentence must match the reference's opening (as long
    # as it is) better, against the whole reference, than the other versions do by at least
    # tail_opening_gain: the lost close and the kept opening seen by the whole sentence, not
    # only by its clause pieces (a one-clause Korean sentence matches a short reference close
    # poorly however well it renders it). NTREX defect benchmark, cut sentences found by this
    # evidence: 0.08-0.43; clean documents' short complete sentences centre on 0 (half A:
    # dailymail.co.uk.298696 ko, a complete compressed rendering, 0.02).
    tail_opening_gain: float = 0.05
    # Nothing lost: a short sentence that expresses every part of the reference — each clause,
    # and each of its first, middle and last expressed_parts-th — at lost_ratio or more of the
    # other versions' coverage is compressed, not cut (part gain and the close alone fire on
    # such renderings). NTREX clean documents, half A: newsweek.51329 ko, a complete rendering,
    # 0.97 at its worst part; the defect benchmark's cut sentences found by part gain or the
    # close: at most 0.61.
    expressed_parts: int = 3
    # Third evidence: a number every counterpart states is nowhere near, for a sentence
    # under length + value_longer_by and z at most tail_max_z (truncation 0.83 -> 0.87).
    value_longer_by: float = 0.2
    # The opening of a counterpart compared with a short sentence is cut at its relative
    # length, kept within these bounds.
    opening_min_share: float = 0.2
    opening_max_share: float = 0.9


@dataclass(frozen=True)
class MissingSettings:
    """PC101-PC103 missing content (``checks/missing.py``)."""

    # A sentence missing beside a pivot merge: this version's text in the row is shorter
    # than this share of what the others' lengths predict (NTREX).
    max_relative_length: float = 0.8
    # Units shorter than this (characters) are not judged: a quote's lead-in split off in
    # one version is too short for its match to mean anything (NTREX nytimes.184853).
    min_unit_chars: Mapping[str, int] = field(
        default_factory=lambda: {"*": 20, "ko": 10, "ja": 10, "zh": 8})
    # PC102: a sentence inside the neighbouring segment — a break the segmenter did not take
    # (inside a quotation kept whole, «「…ですか？それは…」その投資銀行家は加えた。») — that
    # matches the lost unit at this normalised similarity, and better than it matches the
    # neighbour's own unit, holds the unit: the version merged two sentences (NTREX clean
    # documents, half A: rt.com.91356 ja 0.57, dailymail.co.uk.298696 ko 0.54; the
    # injected deletions lose nothing at 0.5 — their neighbours rarely hold two sentences).
    merged_sentence: float = 0.5


@dataclass(frozen=True)
class DriftSettings:
    """PC105 meaning-drift (``checks/drift.py``); also the severity of a replacement that
    PC102's gap finds (``checks/missing.py``)."""

    # A match under this is suspect ...
    suspect: float = 0.45
    # ... when the other versions agree with the pivot at least this well.
    consensus: float = 0.75
    # Under this the text is unrelated: an error (NTREX replaced sentences: -0.17 to 0.29;
    # correct but loose translations the encoder scores low sit at 0.4 and above).
    error: float = 0.3
    # Texts shorter than this (characters without spaces, by language) embed too noisily
    # for a low score to mean drift: when the reference and the version are both shorter,
    # the finding is info. NTREX half A, free but faithful renderings scored 0.3 or under:
    # «It's normal.» (10) / ko «뭐 새삼스러운 일도 아니죠.» (12), «That's what happened.» (19) /
    # zh «情况如我们所愿。» (8), «They bullied me backstage.» (23) / fr (27); none of the
    # NTREX replacements benchmarks.defects injects has both sides that short.
    short_chars: Mapping[str, int] = field(
        default_factory=lambda: {"*": 30, "ko": 15, "ja": 15, "zh": 12})


@dataclass(frozen=True)
class UntranslatedSettings:
    """PC106 untranslated (``checks/untranslated.py``)."""

    # Segments with fewer letters (or fewer than min_words words) are not judged.
    min_letters: int = 20
    min_words: int = 3
    # A CJK/Hangul version's segment with under this share of its own script's letters is
    # in another language (names in Latin letters are normal in CJK text).
    min_own_script: float = 0.1
    # Shared character 4-grams at or above this make a segment a copy of its counterpart.
    copy_overlap: float = 0.6
    # ... when language identification also reads it as another language at this confidence.
    min_language_confidence: float = 0.5
    # Text no other version has (PC107) is judged without a counterpart: it must also hold at
    # least this many function words of the language it is read as (k8s-docs: fr's untranslated
    # «while the Redis master and replica would have different `tier` labels, and perhaps…»
    # has 4; fr's added table of resource kinds «| Pod | Event | Secret |…», read as English, 0).
    min_function_words_added: int = 2
    # A segment that reads the same in every version is kept by design (a command name as a
    # tldr page's heading, «# docker container remove» in all five) when there are at least
    # this many versions: with two, a copy reads the same too.
    kept_in_versions: int = 3
    # A copied-looking Latin-script segment whose words are at least this share not its
    # counterpart's is translated text around a name kept in the original language (an English
    # organisation name inside a French sentence: «La Royal Society for the Protection of Birds
    # et le British Trust for Ornithology ont publié l'enquête.», 6 of 17 words French, 0.35,
    # read as English); a copy left untranslated (NTREX "untrans" defects) shares all, 0.
    translated_share: float = 0.25


@dataclass(frozen=True)
class AddedSettings:
    """PC107 added-content (``checks/added.py``)."""

    # An unmatched piece whose neighbouring match gets no worse than this when the piece is
    # added back is the rest of a split sentence, not an addition.
    remnant_tolerance: float = 0.02
    # Mean normalised similarity between versions' insertions for them to be one content
    # (then the pivot is the one missing it).
    same_content: float = 0.6


@dataclass(frozen=True)
class NumberSettings:
    """PC201 number-mismatch (``checks/numbers.py``)."""

    # A stated number and a lacking one further apart than this factor are not one number
    # written wrong (15 vs 50 yes, 0.5 inch vs 4 inches no; NTREX changed numbers).
    max_ratio: float = 10.0
    # A count after a restating determiner (profile.restating_determiners: «les quatre
    # jeunes gens») that this version stated earlier and most others state somewhere in the
    # document restates that total, and is no substitution — counts up to this value only
    # (a year or an amount after "the" is a figure, not a group). NTREX half A: fr «les
    # quatre jeunes gens (âgés de 17, 18 et 20 ans)» for "a 17-year-old, two 18-year-olds
    # and a 20-year-old", after the title's «quatre arrestations».
    restated_count_max: int = 100


@dataclass(frozen=True)
class NameSettings:
    """PC202 latin-token-missing and PC203 name-variants (``checks/names.py``)."""

    # PC203: two spellings at least this alike (difflib ratio, accents folded) are one name.
    similarity: float = 0.8
    # PC202: the clause carrying a token is rendered in a version that lacks the token when
    # that version's best piece matches it at least this share of how well the versions
    # keeping the token do (normalised similarities); the token was then translated, and
    # the finding is info. NTREX half A: rendered tokens 0.92-1.14 (HIV, BBC, HMC, SNL), a
    # clause dropped with its tokens 0.24 (CNN, MSNBC).
    rendered_clause: float = 0.75
    # PC202: clauses with fewer letters than this join the next one («HMC chief Mike
    # Buchanan said:» alone embeds noisily).
    clause_min_letters: int = 20
    # PC202: an acronym this long or longer is present when written in lower case as a word
    # (k8s labels: «LIST and WATCH» as fr «**list** et **watch**»); shorter ones in lower
    # case are ordinary words (it, us, who).
    lowercase_min_letters: int = 4


@dataclass(frozen=True)
class LanguageIdSettings:
    """Language identification of paragraphs (``load/langid.py``) and of the versions of a
    combined file (``load/combined.py``). Read on the example and NTREX headlines."""

    # A script's share of the letters that makes a paragraph Korean/Japanese/Chinese.
    script_share: float = 0.3
    # Kana at this share of kana+han (at least one) makes CJK text Japanese.
    kana_share: float = 0.03
    # Confidence: base + share for Korean and Japanese (share doubled for kana).
    hangul_base: float = 0.5
    kana_base: float = 0.6
    # Han-only text: one distinctive character is good evidence, several certainty.
    han_base: float = 0.45
    han_step: float = 0.15
    # A Chinese function character (的, 了, 是…) counts this much of a character that only
    # Chinese writes.
    zh_function_weight: float = 0.5
    # A full Han sentence without kana or distinctive characters: a weak vote for Chinese.
    han_sentence_vote: float = 0.5
    han_sentence_min: int = 8
    # Latin text: a short line's function words outvote the n-grams at this confidence;
    # lines shorter than short_line_words are weak evidence whatever the detector says.
    function_word_vote: float = 0.8
    short_line_words: int = 8
    # Combined files: below this confidence a paragraph's guess yields to its neighbours;
    # above stray_keep a lone paragraph inside another run is a real switch.
    confident: float = 0.6
    stray_keep: float = 0.99


@dataclass(frozen=True)
class BoilerplateSettings:
    """Page furniture (``load/boilerplate.py``), read on the example's web boilerplate."""

    # A short line (at most short_words words, short_cjk CJK characters, short_chars
    # characters) whose word characters are navigation vocabulary at this share is
    # boilerplate; a bulleted one already at nav_share_bulleted.
    nav_share: float = 0.6
    nav_share_bulleted: float = 0.4
    short_words: int = 10
    short_cjk: int = 20
    short_chars: int = 100
    # A printf placeholder line of at most this many words; a cookie notice of at most these.
    placeholder_words: int = 8
    cookie_words: int = 60


@dataclass(frozen=True)
class SegmentationSettings:
    """Sentences and list items (``segment/``)."""

    # A quotation longer than this (characters) is split at its sentence ends like any
    # other text: a many-sentence quote is many sentences in every language (English splits
    # inside quotes too), and one segment for all of them hid a dropped sentence (NTREX).
    max_whole_quote: int = 60
    # A short attribution after a closing quote (ko «“…다.” 아담 씨가 말했다.», zh «“…。”他说。»;
    # the words are the language profile's `attribution`) of at most this many characters
    # stays in the quote's sentence (NTREX nytimes.184853-ko). Languages not listed have none.
    attribution_max_chars: Mapping[str, int] = field(default_factory=lambda: {"ko": 16, "zh": 10})
    # A list item longer than this (characters) is split into sentences (all still items):
    # one embedding per several-sentence item would blur what is missing inside it.
    long_item_chars: int = 400


@dataclass(frozen=True)
class UnitSettings:
    """Rules on translation units of exchange files (``checks/units.py``, ``units/markup.py``);
    measured on the python-docs-po tutorial catalogues (ko, ja, fr, zh-cn)."""

    # Copied and foreign-script targets: at least this many letters of prose in the source
    # (shorter texts are names and terms that stay the same in many languages).
    min_copied_letters: int = 20
    # Drift and truncation compare a unit's versions only where the source has this many
    # letters: short titles embed too noisily to call a translation "something else".
    min_embed_letters: int = 30
    # Drift and truncation on units: the source has at least this many letters (a title of
    # four words translated into four Chinese characters is not "cut short"; a short sentence
    # of technical words embeds too noisily to call it drifted). python-docs-po tutorials.
    min_drift_letters: int = 60
    min_truncated_letters: int = 60
    # A unit's drift limit is the documents' (drift.suspect) times this: a unit has no
    # neighbours to share context with, so its similarity spreads wider (python-docs-po: the
    # lowest correct translations score 0.44 of the usual).
    drift_factor: float = 0.8
    # Truncation needs meaning evidence too: similarity to the source below this share of
    # the usual (concise correct translations score up to 0.75 on python-docs-po: zh
    # 这里详述了用 ``%`` 运算符格式化字符串的操作。 for a sentence twice as long).
    truncated_max_similarity: float = 0.65
    # ... with an encoder: the translation matches a leading or trailing run of the source's
    # clauses at least this much better (raw cosine) than the whole source.
    truncated_min_part_gain: float = 0.05
    # Drift needs this many other versions of the unit (source included) agreeing.
    min_consensus_versions: int = 2
    # Truncation: z-score of the log length ratio (target / source) against the language's
    # own spread in the catalogue, and the floor of that spread (python-docs-po tutorials).
    truncated_max_z: float = -3.0
    truncated_min_spread: float = 0.15
    # PC305 compares only translations with at least this many letters (short ones are
    # legitimately shared by near-synonymous sources: titles, single terms).
    min_shared_letters: int = 25
    # A unit rule needs at least this many units of a language to calibrate length and
    # similarity (fewer: drift and truncation stay silent).
    min_units_for_calibration: int = 8
    # A unit whose target ends mid-phrase needs this z-score (against the language's own
    # spread) to count as cut short.
    truncated_mid_phrase_max_z: float = -2.0
    # Units need at least this many prose words in a run (letters only, outside markup) to be
    # judged untranslated or empty: index entries ("name", "for"), titles of one or two words
    # ("Classes" is French too) and code fragments are not. Every empty or copied unit with a
    # run of three words is prose a reader would want translated.
    min_prose_run: int = 3
    # PC303: a ``literal`` that is an ordinary word (lowercase letters only, at least
    # word_literal_min_letters: shorter ones are names such as ``x``, ``i``, ``self``) is not
    # missing when the translation has a word of the same stem: the translation's word, case
    # and accents folded, starts with the literal's first word_literal_stem_share of letters,
    # and at least word_literal_min_letters of them (fr «virtuelles» for ``virtual``,
    # «générateur» for ``generator``; «principe» does not render ``print``). Measured on
    # python-docs-po half A, whose one false PC303 was fr classes.po «"virtuelles"» for
    # ``virtual``; the 26 true PC303 findings of both halves keep firing.
    word_literal_min_letters: int = 5
    word_literal_stem_share: float = 0.6


@dataclass(frozen=True)
class RevisionSettings:
    """PC108 other-revision (``checks/revision.py``): a version that follows another revision
    of the text gets one summary instead of a finding per paragraph."""

    # "Many": a version with missing/truncated/drifted content (PC101-PC105, errors and
    # warnings) in at least this many paragraphs (a paragraph it lacks counts as one), and in at
    # least min_share of the document's paragraph rows. Measured on the k8s-docs pages (plain
    # text): components' ko and zh, which follow a rewrite of the English page, differ in 12-14
    # of 28 rows; the real gap of labels' zh (an example and its YAML) touches 5 of ~60; tldr's
    # egrep translations (--source en), which lack six of the English examples, 9 of 11; no
    # NTREX clean document has more than 2 in one version.
    min_paragraphs: int = 8
    min_share: float = 0.25


@dataclass(frozen=True)
class CodeSettings:
    """The non-prose skeleton of Markdown/HTML versions: PC207 (``checks/code.py``), and the
    inline code the encoder reads (``embed/reading.py``)."""

    # Inline code that is one name of letters at most this long is read by the encoder as a
    # word of its sentence (embed/reading.py): k8s labels' names (`In`, `NotIn`,
    # `matchExpressions`) are 2-16 characters, and ja/zh write as code what en writes as
    # words («`In`と`NotIn`» for "In and NotIn").
    read_inline_chars: int = 32

    # A lost token and an added one of the same kind in one aligned row are one change when
    # their keys are at least this alike (difflib ratio); measured on the k8s-docs pages and
    # the tldr benchmark, where a changed flag or path scores 0.6-0.95 and unrelated commands
    # below 0.4.
    change_similarity: float = 0.5
    # A changed code-block line identified as the version's own language at least this surely
    # is translated output, not changed code (fr «Erreur du serveur…» in k8s field-selectors).
    translated_confidence: float = 0.5
    # At most this many lost tokens are quoted in one message.
    quoted: int = 3
    # A lost one-word code span (`operator`) is translated, not lost, when the version's prose
    # of the row has a word this alike to it, case and accents folded (difflib ratio): k8s
    # labels' fr «l'opérateur» for `operator` 0.82 (also «sélecteur» for `selector` 0.82,
    # «valeur» for `value` 0.73 stays below, as do unrelated words of a row).
    cognate_similarity: float = 0.8


@dataclass(frozen=True)
class OddOneOutSettings:
    """PC105's second test (``checks/drift_rows.py``): a unit that matches the other versions
    of its row much worse than they match each other — the way a replaced line shows when
    every line of the page embeds alike (short imperative tldr descriptions)."""

    # Versions (the pivot included) a row needs, each with its text there: with fewer, the
    # others are too few to make a consensus. Three (the odd one, and two that agree): k8s
    # components, where only en, ja and fr still have the controller list and ja's «Job
    # controller» stands where en and fr have the Replication controller (0.41 vs 0.92).
    min_versions: int = 3
    # Items longer than this (letters and digits of the pivot's item) are left to the pair
    # test: the row test is for one-line items. tldr's English descriptions: median 39, 99%
    # at most 113 (385 lines). NTREX rendered as Markdown (a paragraph of news sentences as a
    # bullet list), clean documents: 3 of the 25 row findings are on items over 120; the
    # other 22 are on sentences as short as tldr's lines, which this does not tell apart.
    max_item_chars: int = 120
    # Mean similarity of the unit to the others, over the others' mean similarity to each
    # other, under which it is drifted. Chosen on the tldr benchmark's tuning half (replaced
    # descriptions: median 0.53, 90% under 0.67; faithful lines of clean pages: 99% above
    # 0.73 — Korean's loose «자세한 내용은 원본 명령을 참고하세요» of the alias pages at 0.735).
    ratio: float = 0.7
    # ... and only when that mean similarity is also under this: a line the others match this
    # well is theirs, loosely put. tldr tuning half: replaced descriptions 0.41 median, 0.49
    # at the 90th percentile; fr cat's faithful «Ajoute le contenu d'un fichier à la fin…»
    # 0.57. Faithful but terse lines also fall under it (fr echo's «Active l'interprétation
    # des spécificateurs d'échappement» 0.51): replace recall on the tuning half is 0.92 at
    # 0.5, 0.95 here.
    max_similarity: float = 0.55
    # ... under this an error (realdocs tldr half A: ja android/pm's faithful «インストール
    # されたすべてのアプリケーションを表示します» for «List installed packages» at 0.50, its
    # lines about other examples than en's from 0.51 up: warnings).
    error: float = 0.45


@dataclass(frozen=True)
class Settings:
    """The whole tree. ``Settings()`` is the default every benchmark number was measured with."""

    alignment: AlignmentSettings = AlignmentSettings()
    verification: VerificationSettings = VerificationSettings()
    truncation: TruncationSettings = TruncationSettings()
    missing: MissingSettings = MissingSettings()
    drift: DriftSettings = DriftSettings()
    untranslated: UntranslatedSettings = UntranslatedSettings()
    added: AddedSettings = AddedSettings()
    numbers: NumberSettings = NumberSettings()
    names: NameSettings = NameSettings()
    langid: LanguageIdSettings = LanguageIdSettings()
    boilerplate: BoilerplateSettings = BoilerplateSettings()
    segmentation: SegmentationSettings = SegmentationSettings()
    units: UnitSettings = UnitSettings()
    revision: RevisionSettings = RevisionSettings()
    code: CodeSettings = CodeSettings()
    odd_one_out: OddOneOutSettings = OddOneOutSettings()

    def replace(self, key: str, value: Any) -> "Settings":
        """A copy with one setting changed: ``replace("truncation.length", 0.55)``."""
        group, _, name = key.partition(".")
        current = getattr(self, group)
        return replace(self, **{group: replace(current, **{name: value})})

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The tree as plain data (tiers as lists of lists), for hashing and reports."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def changed(self) -> dict[str, Any]:
        """``{"group.key": value}`` for every setting that differs from the default."""
        mine, default = self.to_dict(), DEFAULT.to_dict()
        return {f"{g}.{k}": v for g, group in mine.items() for k, v in group.items() if default[g][k] != v}

    def digest(self) -> str:
        """A short hash of the whole tree (the signature's ``settings:`` part)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha1(blob.encode()).hexdigest()[:8]


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    return value


DEFAULT = Settings()
