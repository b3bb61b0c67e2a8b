"""English."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="en",
    name="English",
    sample="The ministry will support growth. Mr. Han said so at 2:30 p.m. on 15 May.",
    function_words=frozenset(
        "the of and to in is are was for on with this that by from at as it be have has will like our your".split()),
    abbreviations=frozenset(
        """mr mrs ms dr prof sr jr st vs jan feb mar apr jun jul aug sep sept oct nov dec
        vol fig gen gov sen rep approx dept mt cf ft lt col sgt capt""".split()
    ),
    dotless_initialisms=frozenset({"US", "UK", "EU", "UN"}),
    title_words=frozenset(
        """secretary president vice ambassador envoy senator senators congressman congresswoman representative
        official officials diplomat diplomats lawmakers army navy forces military troops government embassy
        department treasury congress senate attorney special trade""".split()
    ),
    mid_phrase_words=frozenset("the a an of to and or in on at for with by from that which who as but their his her its "
                               "this these".split()),
    spelled_numbers=True,
    large_number_words={"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                        "trillion": 1e12},
    vague_number_words=frozenset({"hundreds", "thousands", "millions", "billions", "dozens", "tens"}),
    month_names=tuple("january february march april may june july august september october november december".split()),
    months_capitalised=True,
    # "one" as a count: not "one of", "no one", "the one", "this one", "one another", nor
    # "more than one" / "at least one" (two or more).
    one_words=r"(?i)(?<![\w'-])(?<!\bno )(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bwhich )(?<!\bany )(?<!\beach )"
              r"(?<!\bevery )(?<!\bthan )(?<!\bleast )one(?![\w'-])(?! of\b)(?! another\b)",
    clock_pattern=(r"(?<![\d:.])(\d{1,2})[:.](\d{2})(?:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b))"
                   r"|(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])"
                   r"|(?<![\d:.,])(\d{1,2})()\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"),
    restating_determiners=r"(?i)(?<![\w'-])(?:the|these|those|all)\s+$",
)
