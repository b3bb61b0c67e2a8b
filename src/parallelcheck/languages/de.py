"""German."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="de",
    name="German",
    sample="Die Regierung fördert das Wachstum. Dr. Weber sagte das gestern.",
    function_words=frozenset(
        "der die das und ist nicht ein eine mit für auf den dem des sich von zu im wir sie auch es wie ich was".split()),
    abbreviations=frozenset("dr prof nr str bzw ca vgl hr fr jan feb apr aug sept okt nov dez".split()),
    decimal_mark=",",
    group_marks="\u00a0\u202f\u2009 .",  # 1 000 (with any space), 1.000
    restating_determiners=r"(?i)(?<![\w'-])(?:die|diese|alle)\s+$",
)
