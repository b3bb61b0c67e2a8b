"""Dutch."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="nl",
    name="Dutch",
    sample="De regering steunt de groei. De minister zei dat op de vergadering.",
    function_words=frozenset("de het een van en is in op met voor dat niet te zijn ook wij".split()),
    restating_determiners=r"(?i)(?<![\w'-])(?:de|deze|die|alle)\s+$",
)
