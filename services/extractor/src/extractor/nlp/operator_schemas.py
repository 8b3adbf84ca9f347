"""The schemas of the files operators edit (``vocabulary.jsonl``, ``taxonomy.yaml``,
``events.yaml``): pydantic models whose errors ``operator_files`` turns into messages naming the
file, the entry and the field."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    model_validator,
)

# Labels the vocabulary may use besides spaCy's: TITLE spans guide the NER and are stripped
# from names; IGNORE names are dropped as entities (e.g. "MOU", a bare "Kingdom").
VocabularyLabel = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "PRODUCT", "EVENT", "TITLE", "IGNORE"
]


def _words(value: Any) -> Any:
    """YAML reads ``1990`` or ``3.5`` as numbers: such a term or lemma is its text.

    ``yes``, ``no``, ``on`` and ``off`` (booleans to YAML) stay errors: write them in quotes.
    """
    if isinstance(value, list):
        return [
            str(item) if isinstance(item, int | float) and not isinstance(item, bool) else item
            for item in value
        ]
    return value


Text = Annotated[str, Field(min_length=1)]
Words = Annotated[list[Text], BeforeValidator(_words)]


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return value


Pattern = Annotated[Text, AfterValidator(_regex)]


class VocabularyEntry(BaseModel):
    """One line of ``vocabulary.jsonl``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: VocabularyLabel
    pattern: Text = Field(description="matched case-insensitively, as whole tokens")
    canonical: str | None = Field(default=None, description="the entity's name, for aliases")
    kind: str | None = Field(default=None, description="agreement, agency, ministry, weapon, ...")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO alpha-2")
    org: str | None = Field(default=None, description="titles, ministries: the institution")


class Topic(BaseModel):
    """One topic of ``taxonomy.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: Annotated[Words, Field(min_length=1)]
    min_hits: int = Field(default=1, ge=1)


class Taxonomy(RootModel[dict[str, Topic]]):
    """The whole taxonomy: topic name to its terms."""


class EventType(BaseModel):
    """The trigger lemmas and constraints of one event type of ``events.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verbs: Words = Field(default_factory=list)
    strong_verbs: Words = Field(default_factory=list)
    nouns: Words = Field(default_factory=list)
    dated_nouns: Words = Field(
        default_factory=list,
        description="nouns that trigger only with a year of their own: the 1951 defence "
        "agreement, the Treaty of 1948",
    )
    objects: Words = Field(default_factory=list)
    modifiers: Words = Field(default_factory=list)
    exclude_modifiers: Words = Field(default_factory=list)
    exclude_objects: Words = Field(
        default_factory=list, description="objects that give a verb another sense: strike a deal"
    )
    subtree: Words = Field(default_factory=list)
    joint_verbs: Words = Field(
        default_factory=list,
        description="verbs that need no object when two sides act together: X and Y agreed to",
    )
    person_verbs: Words = Field(
        default_factory=list,
        description="verbs that count only with a person as subject going to a named place",
    )
    arrivals: Words = Field(
        default_factory=list,
        description="verbs that tell this event when what arrives is one of `subtree` "
        "(the first tanks arrived in Poland)",
    )
    targets: dict[Text, Words] = Field(
        default_factory=dict,
        description="trigger verb -> the prepositions one of which names its target (fire at)",
    )
    leaves: dict[Text, Words] = Field(
        default_factory=dict,
        description="trigger verb or noun -> prepositions naming a side it leaves (switch from "
        "Taiwan; drills near Taiwan, also on the verb staging them), or dobj for its object "
        "(leave Havana for London)",
    )
    parts: Words = Field(
        default_factory=list,
        description="parts of a journey whose 'of'/'on' names the whole, no event of its own: "
        "the second stop of his trip, the first leg of a tour",
    )
    own_bodies: Words = Field(
        default_factory=list,
        description="bodies whose meeting 'of his/its/their' body is inside one state: an "
        "emergency meeting of his National Security Council",
    )
    sitting_bodies: Words = Field(
        default_factory=list,
        description="bodies that sit on their own: 'the council met', 'the party's leadership "
        "met' with no partner named is a session, no meeting between states",
    )
    topics: Words = Field(
        default_factory=list,
        description="prepositions whose common-noun object is what the event is about, never "
        "a side: talks with Shevardnadze on the war in Angola",
    )
    papers: Words = Field(
        default_factory=list,
        description="signed papers that conclude this event: a contract to buy jets is the sale",
    )
    decided_by: Words = Field(
        default_factory=list,
        description="verbs whose 'would' clause is the event decided, no plan: announced that "
        "it would establish diplomatic relations",
    )
    senses: dict[Text, Words] = Field(
        default_factory=dict,
        description="trigger verb -> the objects it needs to mean this type (or a named one); "
        "an entity label (PRODUCT) names objects too",
    )
    particles: dict[Text, Words] = Field(
        default_factory=dict,
        description="trigger verb -> the particles one of which it needs to mean this type "
        "(sat down with the president; not sat in parliament)",
    )
    agents: dict[Text, Words] = Field(
        default_factory=dict,
        description="trigger verb -> the doers it needs to mean this type, as subject or as "
        "the agent of a passive (missiles hit a base, a ship sunk by a submarine); an entity "
        "label (PERSON) names doers too, and 'passive' lets a passive without its agent count",
    )
    exclude_context: Words = Field(
        default_factory=list, description="lemmas of the sentence that mean another sense"
    )
    joint: bool = Field(
        default=False,
        description="a noun one nationality describes, with no word of a partner, is that "
        "state's own, no joint event (an Indian army exercise)",
    )
    proper_names: bool = Field(
        default=False, description="a noun named by a proper noun needs no modifier"
    )
    guests: bool = Field(
        default=False,
        description="a person, a state or a pronoun for one as object gives a verb of `senses` "
        "this type's sense (receive the minister, host Modi)",
    )
    agreed_plans: bool = Field(
        default=False,
        description="what its sides agree to hold is a plan (agreed to meet), not the deed "
        "(agreeing to normalise ties is the normalisation)",
    )
    accused: bool = Field(
        default=False,
        description="a state may be accused of it: a later denial in its sentence denies it "
        "(shelled positions, but Paris denied any involvement)",
    )
    min_countries: int = Field(
        default=1, ge=1, description="countries an event needs (a sale needs a buyer too)"
    )
    words_of_a_person: Words = Field(
        default_factory=list,
        description="verbs that tell no event with a person as subject, nor their nouns with a "
        "person's possessive, by or with: a person attacks in words (Erdogan attacked the Swedish "
        "authorities, a clash with President Trump); forces, states and weapons attack",
    )
    outlaws: Words = Field(
        default_factory=list,
        description="doers of no state that make it no event between states: attacks by "
        "militants, gunmen or Islamists",
    )
    victims: Words = Field(
        default_factory=list,
        description="unarmed people whom fire at makes no event between states: troops that "
        "opened fire on mourners",
    )
    held_with: Words = Field(
        default_factory=list,
        description="types held together with this one: talks during a visit share its day",
    )

    @model_validator(mode="after")
    def _triggers(self) -> EventType:
        if not self.verbs and not self.nouns:
            raise ValueError("needs `verbs:` or `nouns:` to be triggered at all")
        unknown = sorted(set(self.strong_verbs) - set(self.verbs))
        if unknown:
            raise ValueError(f"strong_verbs {unknown} are not in `verbs:`")
        for field in ("person_verbs", "joint_verbs", "arrivals", "words_of_a_person"):
            if unknown := sorted(set(getattr(self, field)) - set(self.verbs)):
                raise ValueError(f"{field} {unknown} are not in `verbs:`")
        if self.arrivals and not self.subtree:
            raise ValueError("arrivals need `subtree:`, the words of what arrives")
        unknown = sorted(
            (set(self.senses) | set(self.targets) | set(self.agents) | set(self.particles))
            - set(self.verbs)
        )
        if unknown:
            raise ValueError(f"senses, targets, agents or particles {unknown} are not in `verbs:`")
        if unknown := sorted(set(self.leaves) - set(self.verbs) - set(self.nouns)):
            raise ValueError(f"leaves {unknown} are not in `verbs:` or `nouns:`")
        return self


class Modality(BaseModel):
    """The words that make an event planned, cancelled or denied instead of reported."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    planned: Words = Field(default_factory=list, description="governing lemmas: plan, expect")
    planned_modifiers: Words = Field(default_factory=list, description="a planned visit")
    future: Words = Field(default_factory=list, description="auxiliaries: will, would")
    conditional: Words = Field(default_factory=list, description="clause marks: if, unless")
    cancelled: Words = Field(default_factory=list, description="governing lemmas: postpone")
    cancelled_modifiers: Words = Field(default_factory=list, description="a cancelled visit")
    denied_particles: dict[Text, Words] = Field(
        default_factory=dict, description="phrasal verbs that refuse: turn down"
    )
    cancelled_particles: dict[Text, Words] = Field(
        default_factory=dict, description="phrasal verbs: call off"
    )
    cancelled_on: dict[Text, Words] = Field(
        default_factory=dict, description="verbs and what they put an event on: put on hold"
    )
    cancelled_through: dict[Text, Words] = Field(
        default_factory=dict,
        description="verbs and the preposition the event they leave hangs on: pull out of",
    )
    habitual: Words = Field(default_factory=list, description="every summer: not one event")
    capability: Words = Field(
        default_factory=list, description="the ability to strike, the right to bombard: no event"
    )
    ending: Words = Field(
        default_factory=list,
        description="verbs that end what is going on: a deal to end the fighting is no attack",
    )
    cancelled_if_negated: dict[Text, Words] = Field(
        default_factory=dict,
        description="verbs (and the particle or object they need) that cancel when negated: "
        "the summit will not go ahead",
    )


class EventRules(BaseModel):
    """The whole events file: ``negators``, ``modality``, the actors and the event types."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    negators: Words = Field(default_factory=list)
    modality: Modality = Field(default_factory=Modality)
    exclude_context: Words = Field(default_factory=list)
    exclude_patterns: list[Pattern] = Field(
        default_factory=list, description="regular expressions of sentences that give no event"
    )
    state_organs: Words = Field(default_factory=list)
    mediators: Words = Field(
        default_factory=list,
        description="verbs of a clause on an event naming who brought the sides together",
    )
    onlookers: Words = Field(
        default_factory=list,
        description="verbs whose subject judges an event it names as object and takes no part "
        "in it (condemned the strikes)",
    )
    recognisers: Words = Field(
        default_factory=list,
        description="verbs of a clause on a person telling who recognises or regards them so "
        "(recognised as president by the United States): who recognises takes no part",
    )
    movers: Words = Field(
        default_factory=list,
        description="verbs of a clause telling whom the event moved (which angered China): "
        "their object takes no part",
    )
    followers: dict[Text, Words] = Field(
        default_factory=dict,
        description="verbs by which a state repeats the event before (follow suit) -> the "
        "objects they may take",
    )
    types: dict[Annotated[str, Field(pattern=r"^[a-z][a-z_]*$")], EventType]

    @model_validator(mode="after")
    def _cross_references(self) -> EventRules:
        objects = {word for spec in self.types.values() for word in spec.objects}
        for name, spec in self.types.items():
            unknown = sorted(set(spec.held_with) - set(self.types))
            if unknown:
                raise ValueError(f"event type {name!r}: held_with {unknown} are no event types")
            # a paper is found as the object of a signing verb: an object of some type
            unsigned = sorted(set(spec.papers) - objects)
            if unsigned:
                raise ValueError(f"event type {name!r}: papers {unsigned} are no type's objects")
        return self
