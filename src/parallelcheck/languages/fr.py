"""French."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="fr",
    name="French",
    sample="Le gouvernement soutiendra la croissance. M. Dupont l'a dit le 12 janv. à 14 h 30.",
    function_words=frozenset(
        "le la les des du de et est une un pour dans sur avec que qui au aux ce cette nous vous par plus".split()),
    abbreviations=frozenset(
        """m mm mme mmes mlle mlles dr pr me st ste janv févr fév avr juil sept oct nov déc
        env cf art p pp vol n° no ex av apr chap éd fig hab vs dép bd boul réf resp tél""".split()
    ),
    mid_phrase_words=frozenset("de du des la le les l un une et à au aux en pour par que qui dans sur avec ou mais d qu ce "
                               "cette ces son sa ses leur leurs plus très a ont".split()),  # (a, ont: auxiliaries)
    decimal_mark=",",
    group_marks="\u00a0\u202f\u2009 .",  # 1 000 (with any space), 1.000
    spelled_numbers=True,
    # un/une as a count, not the article: «un par ligne», «une seule fois», «un à la fois».
    one_words=r"(?i)(?<![\w'-])une?(?= seule?\b| par\b| à la fois\b)",
    # "billion" is 10^12 in French (a milliard is 10^9).
    large_number_words={"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
                        "billion": 1e12},
    vague_number_words=frozenset({"centaines", "milliers", "millions", "milliards", "dizaines", "douzaines"}),
    month_names=tuple("janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()),
    clock_pattern=r"(?<![\d:.,])(\d{1,2})\s?h\s?(\d{2})?(?![\w])|(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])",
    code_terms={"stdout": ("sortie standard",), "stdin": ("entrée standard",),
                "stderr": ("sortie d'erreur", "sortie des erreurs", "erreur standard")},
    restating_determiners=r"(?i)(?<![\w'-])(?:les|ces|tous les|toutes les)\s+$",
)
