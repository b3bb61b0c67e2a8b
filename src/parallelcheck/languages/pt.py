"""Portuguese."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="pt",
    name="Portuguese",
    sample="O governo apoia o crescimento. A ministra disse isso na reunião.",
    function_words=frozenset("o a os as de do da e é um uma para com que não em no na por mais como".split()),
    restating_determiners=r"(?i)(?<![\w'-])(?:os|as|estes|estas|esses|essas|todos os|todas as)\s+$",
)
