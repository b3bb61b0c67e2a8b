"""Italian."""

from ._profile import LanguageProfile

PROFILE = LanguageProfile(
    code="it",
    name="Italian",
    sample="Il governo sostiene la crescita. Il dott. Rossi lo ha detto alla riunione.",
    function_words=frozenset("il lo la gli le di e è un una per con che del della non si al più come".split()),
    abbreviations=frozenset("sig sigg dott dr prof ing avv gen feb apr giu lug ago sett ott nov dic".split()),
    restating_determiners=r"(?i)(?<![\w'-])(?:i|gli|le|questi|queste|quei|quegli|tutti e|tutte e)\s+$",
)
