"""An event while the finder builds it, before it becomes the record's ``Event``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.nlp.countries import sovereign
from extractor.nlp.entities import EntityCluster
from extractor.nlp.modality import Status

# How close "the attack" must follow an attack to mean it whatever the parties named with it.
ANAPHORA_TOKENS = 80


@dataclass
class FoundEvent:
    """An event while it is being built; ``anaphoric`` ones ("the visit") refer back."""

    type: str
    trigger: Token
    parties: list[EntityCluster]
    place: EntityCluster | None
    date: str | None
    date_precision: str | None
    status: Status
    sentence: Span
    anaphoric: bool = False
    subjects: list[str] = field(default_factory=list)
    # its own beside another event of its sentence: done after another's example ("El Salvador
    # followed"), or a stop the traveller came from ("flew into Tirana from Rome, where …")
    follows: bool = False
    made_by: str | None = None  # the maker of the weapon sold, when no seller is named
    # an arrival late in its day ("landed late on Monday"): the day mention that dates it
    evening: Span | None = None

    @property
    def negative(self) -> bool:
        """Denied or cancelled: the event did not (or will not) take place."""
        return self.status in ("denied", "cancelled")

    @property
    def countries(self) -> set[str]:
        """States of the parties, of the place and of the weapon's maker."""
        found = {party.country for party in self.parties if party.country}
        if self.place is not None and self.place.country:
            found.add(self.place.country)
        if self.made_by:
            found.add(self.made_by)
        return {sovereign(code) for code in found}  # (a visit to Greenland is to Denmark)
