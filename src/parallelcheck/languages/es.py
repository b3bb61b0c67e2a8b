"""Spanish."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="es",
    name="Spanish",
    sample="El gobierno apoya el crecimiento. La Sra. García lo dijo en la reunión.",
    function_words=frozenset("el la los las de del y es un una para en con que por su se al más como".split()),
    abbreviations=frozenset("sr sra srta dr dra ud uds pág ej ene feb abr jun jul ago sept oct nov dic".split()),
    restating_determiners=r"(?i)(?<![\w'-])(?:los|las|estos|estas|esos|esas|todos los|todas las)\s+$",
)
