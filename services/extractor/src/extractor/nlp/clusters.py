"""Mentions grouped into canonical entities: one cluster per person, organisation or place,
with its aliases, its country and its kind."""

from __future__ import annotations

import re
from datetime import date, datetime

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from extractor.nlp.countries import clean_name
from extractor.nlp.entities import (
    COMPASS,
    MONARCHS,
    PLACE_LABELS,
    TIME_LABELS,
    EntityCluster,
    EntityContext,
)
from extractor.nlp.leaders import Leaders, family_first, name_words
from extractor.nlp.lookup import FUZZY_MIN_SCORE, VariantIndex

# "Al Khalifa", "Al Nahyan": family names; "bin X" names a father, not a family.
FAMILY_PARTICLES = {"al", "al-", "el"}
# Short names two states share -> the state news means by it, and how the other is named.
SHORT_NAMES = {
    "Congo": (
        "CD",
        re.compile(r"(?<!Democratic )Republic of (?:the )?Congo|Congo Republic|Brazzaville"),
    ),
}
# Titles of those who receive visitors in their own country (see _host_officials).
HOST_TITLES = {"president", "king", "emir", "sultan", "premier", "minister", "chancellor"}


def merge_entities(
    doc: Doc,
    context: EntityContext,
    known_countries: dict[int, str | None],
    *,
    host: str | None = None,
    published: date | None = None,
) -> list[EntityCluster]:
    """Group the mentions of each entity; set every mention's ``kb_id_`` to the canonical name.

    ``known_countries`` maps a mention's first token to the country its title revealed.
    """
    groups: dict[tuple[str, str], EntityCluster] = {}
    for ent in doc.ents:
        if ent.label_ in TIME_LABELS:
            continue
        family, key, name, country = _identity(ent, context)
        cluster = groups.setdefault((family, key), EntityCluster(name=name, label=family))
        cluster.mentions.append(ent)
        cluster.aliases.add(clean_name(ent.text))
        cluster.country = cluster.country or known_countries.get(ent.start) or country
    day = published.date() if isinstance(published, datetime) else published
    clusters = [
        c for c in _merge_variants(list(groups.values())) if not _stray_word(c, context, day)
    ]
    _family_countries(clusters)
    _halves(clusters, doc, context)
    _short_names(clusters, doc, context)
    _popes(clusters)
    if day is not None:
        _leaders(clusters, context.leaders, day)
    _shared_surnames(clusters)
    _host_officials(clusters, host, context)
    canonical: dict[int, EntityCluster] = {}
    for cluster in clusters:
        cluster.aliases.discard(cluster.name)
        cluster.kind = _kind(cluster, context)
        canonical.update({span.start: cluster for span in cluster.mentions})
    doc.ents = [
        Span(
            doc,
            ent.start,
            ent.end,
            label=canonical[ent.start].label,
            kb_id=canonical[ent.start].name,
        )
        if ent.start in canonical
        else ent
        for ent in doc.ents
        if ent.start in canonical or ent.label_ in TIME_LABELS
    ]
    return sorted(clusters, key=lambda cluster: cluster.first_offset)


def _halves(clusters: list[EntityCluster], doc: Doc, context: EntityContext) -> None:
    """ "North and South Korea", "the North": a compass word alone is the half of a divided
    country the story names with it ("North" + "Korea", from "South Korea" or "North Korean")."""
    for cluster in clusters:
        if cluster.country or cluster.name not in COMPASS:
            continue
        # the ellipsis ("North and South Korea") first, then the names the story gives
        rests = [
            m[1]
            for m in re.finditer(rf"\b{cluster.name} and (?:{'|'.join(COMPASS)}) (\w+)", doc.text)
        ]
        # (or the story names both halves: "North Korean" and "South Korea"; not "the North"
        # of Nigeria beside North Korea, nor "the South" beside the South China Sea)
        names = {alias for other in clusters for alias in (other.name, *other.aliases)}
        for other_half in COMPASS:
            if other_half == cluster.name:
                continue
            rests += [
                name.split()[1]
                for name in names
                if name.startswith(f"{cluster.name} ")
                and any(n.startswith(f"{other_half} {name.split()[1][:4]}") for n in names)
            ]
        for rest in rests:
            place = context.gazetteer.resolve(f"{cluster.name} {rest}")
            if place is not None and place.kind == "country":
                cluster.country, cluster.label = place.country, "GPE"  # (a state, no region)
                break


def _short_names(clusters: list[EntityCluster], doc: Doc, context: EntityContext) -> None:
    """A short name two states share is the one news means by it ("Congo" is Kinshasa's),
    unless the story names the other in full ("the Republic of Congo", "Brazzaville")."""
    for cluster in clusters:
        for name in cluster.aliases | {cluster.name}:
            meant = SHORT_NAMES.get(name)
            if meant is not None and not meant[1].search(doc.text):
                cluster.aliases.add(cluster.name)
                cluster.country = meant[0]
                cluster.name = context.gazetteer.countries.name(meant[0]) or cluster.name


def _family_countries(clusters: list[EntityCluster]) -> None:
    """Members of one family ("… Al Khalifa") share the country one of them is known for."""
    families: dict[str, set[str]] = {}
    for cluster in clusters:
        family = _family_name(cluster)
        if family and cluster.country:
            families.setdefault(family, set()).add(cluster.country)
    for cluster in clusters:
        countries = families.get(_family_name(cluster) or "", set())
        if cluster.country is None and len(countries) == 1:
            cluster.country = next(iter(countries))


def _shared_surnames(clusters: list[EntityCluster]) -> None:
    """A surname alone that several persons of the story bear ("Singh" of Manmohan Singh and
    Natwar Singh) is none of them, but of their country when they share one."""
    for short in clusters:
        if short.label != "PERSON" or short.country is not None or " " in short.name:
            continue
        bearers = {
            c.country
            for c in clusters
            if c.label == "PERSON" and c is not short and c.name.split()[-1] == short.name
        }
        if len(bearers) == 1:
            short.country = bearers.pop()


def _host_officials(
    clusters: list[EntityCluster], host: str | None, context: EntityContext
) -> None:
    """In a datelined story a head of state or minister named by title alone ("President
    Ukhnaagiin Khurelsukh" in "ULAANBAATAR, Sept 3 -") is the host country's, unless the
    sentence says the host's is the counterpart."""
    if host is None:
        return
    for cluster in clusters:
        if cluster.label != "PERSON" or cluster.country is not None:
            continue
        first = cluster.mentions[0]
        before = {t.lower_ for t in first.doc[max(0, first.start - 2) : first.start]}
        if before & HOST_TITLES and host not in counterpart_countries(first.sent, context):
            cluster.country = _where_told(first.sent, context) or host


def _where_told(sentence: Span, context: EntityContext) -> str | None:
    """The state a sentence says its verb happens in ("In Hungary he is due to hold talks with
    Prime Minister Miklos Nemeth", in a story filed from Warsaw): the host there."""
    for token in sentence:
        if token.dep_ != "pobj" or token.head.lower_ != "in" or token.head.head != sentence.root:
            continue
        if token.ent_type_ in ("GPE", "LOC"):
            place = context.gazetteer.resolve(token.text)
            if place is not None and place.kind == "country" and place.country:
                return place.country
    return None


def counterpart_countries(sentence: Span, context: EntityContext) -> set[str]:
    """Countries of "his Indonesian counterpart" in a sentence: the person it belongs to is of
    another one ("Foreign Minister Alexander Downer flew to Lombok with his Indonesian
    counterpart" is no Indonesian minister, whatever the dateline)."""
    found: set[str] = set()
    for token in sentence:
        if token.lemma_.lower() != "counterpart":
            continue
        words = {c.dep_: c for c in token.children}
        if "poss" not in words:
            continue
        for child in token.children:
            place = (
                context.gazetteer.resolve(child.text)
                if child.dep_ in ("amod", "compound")
                else None
            )
            if place is not None and place.kind == "country" and place.country:
                found.add(place.country)
    return found


# The state a pope heads: "Pope John Paul II", "Pope Francis" (no leaders table lists it).
HOLY_SEE = "VA"


def _popes(clusters: list[EntityCluster]) -> None:
    """A person the text calls Pope is the Holy See's ("Pope John Paul II knelt and kissed
    the ground at Mexico City airport")."""
    for cluster in clusters:
        if (
            cluster.label == "PERSON"
            and cluster.country is None
            and any(
                (m.start > 0 and m.doc[m.start - 1].lower_ == "pope") or m[0].lower_ == "pope"
                for m in cluster.mentions
            )
        ):
            cluster.country = HOLY_SEE


def _leaders(clusters: list[EntityCluster], leaders: Leaders, day: date) -> None:
    """A person named without a country who led a state then is that state's ("Sarkozy"),
    or who led one in a year the sentence names ("the agreement Indira Gandhi and Sheikh
    Mujibur Rahman signed in May 1974", in a story of 2011)."""
    for cluster in clusters:
        if cluster.label == "PERSON" and cluster.country is None:
            cluster.country = leaders.country(cluster.name, day) or next(
                (
                    found
                    for year in _years_told(cluster)
                    if year <= day.year and (found := leaders.country_in(cluster.name, year))
                ),
                None,
            )


YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _years_told(cluster: EntityCluster) -> list[int]:
    """The years the sentences naming the person give in dates ("in May 1974")."""
    years: list[int] = []
    for mention in cluster.mentions:
        for ent in mention.sent.ents:
            if ent.label_ == "DATE":
                years += [int(y) for y in YEAR.findall(ent.text) if int(y) not in years]
    return years


def _family_name(cluster: EntityCluster) -> str | None:
    words = cluster.name.split()
    if cluster.label != "PERSON" or len(words) < 3 or words[-2].lower() not in FAMILY_PARTICLES:
        return None
    return " ".join(words[-2:]).lower()


def _stray_word(cluster: EntityCluster, context: EntityContext, day: date | None) -> bool:
    """A one-word "person" seen only at sentence starts ("Library officials said…"), unless
    a leader of the day bore the name ("Modi flew to Lahore")."""
    return (
        cluster.label == "PERSON"
        and " " not in cluster.name
        and cluster.name.lower() not in context.terms
        and all(span[0].is_sent_start for span in cluster.mentions)
        and (day is None or context.leaders.country(cluster.name, day) is None)
    )


def _identity(ent: Span, context: EntityContext) -> tuple[str, str, str, str | None]:
    """(label family, grouping key, display name, country) of one mention."""
    name = clean_name(ent.text)
    if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
        place = context.gazetteer.resolve(name)
        if place is not None and ent.label_ == "NORP" and place.kind == "country":
            # "German" names a nationality, not the place: its own entity, with the country.
            return "NORP", place.name.lower(), name, place.country
        if place is not None and ent.label_ != "NORP":
            label = "GPE" if place.kind in ("country", "city", "state") else "LOC"
            return label, place.name.lower(), place.name, place.country
        return ent.label_, name.lower(), name, None
    canonical = ent.kb_id_ or name
    term = context.terms.get(canonical.lower())
    country = term.country if term else leading_country(name, context)
    return ent.label_, canonical.lower(), canonical, country


def leading_country(name: str, context: EntityContext) -> str | None:
    """ "US Navy Fifth Fleet" → US, "Bahrain Defense Force" → BH: a country opening the name."""
    words = name.split()
    # Two words first ("South Korean Navy", "Guinea Bissau Armed Forces"), but not after an
    # abbreviation: "U.S. Africa Command" is the one word's ("U.S. Africa" reads as "S. Africa")
    sizes = (1,) if words and "." in words[0] else (2, 1)
    for size in sizes:
        if len(words) > size:
            place = context.gazetteer.resolve(" ".join(words[:size]))
            if place is not None and place.kind == "country":
                return place.country
    return None


def _merge_variants(clusters: list[EntityCluster]) -> list[EntityCluster]:
    """Fold short forms, acronyms and spelling variants into the fuller cluster."""
    by_length = sorted(clusters, key=lambda c: (-len(c.name.split()), c.first_offset))
    merged: list[EntityCluster] = []
    index = VariantIndex()
    for cluster in by_length:
        target = _variant_target(cluster, index)
        if target is None:
            merged.append(cluster)
            index.add(cluster)
            continue
        if _fuzzy(cluster, target) and _preferred(cluster, target):
            target.aliases.add(target.name)
            index.rename(target, cluster.name)
        target.mentions.extend(cluster.mentions)
        target.aliases |= cluster.aliases | {cluster.name}
        target.country = target.country or cluster.country
    return merged


def _variant_target(short: EntityCluster, index: VariantIndex) -> EntityCluster | None:
    if short.label not in ("PERSON", "ORG", "LAW", "PRODUCT"):
        return None
    found = index.candidates(short)
    candidates = [c for c in found if _is_short_form(short, c) or _fuzzy(short, c)]
    return candidates[0] if len(candidates) == 1 else None


def _is_short_form(short: EntityCluster, full: EntityCluster) -> bool:
    short_tokens = short.name.split()
    full_tokens = name_words(full.name) if full.label == "PERSON" else full.name.split()
    if len(short_tokens) >= len(full_tokens):
        return False
    if short.label in ("PERSON", "ORG") and full.label == "PERSON":
        # A surname ("Gantz"), also when the NER called it an organisation; the family name
        # that leads a Korean-style name ("Kim" of "Kim Jong Il").
        surname = full_tokens[-len(short_tokens) :] == short_tokens
        family = short_tokens == [family_first(full.name)] and not _described(short)
        # ... and a given name used alone, as news does for many names ("Abiy" of "Abiy
        # Ahmed", "Prabowo" of "Prabowo Subianto"); only where one person of the story has it
        given = (
            short.label == "PERSON" and short_tokens == full_tokens[:1] and not _described(short)
        )
        return (surname or family or given) and short_tokens[0][0].isupper()
    initials = "".join(word[0] for word in full_tokens if word[0].isupper())
    return short.label == full.label and short.name.isupper() and short.name == initials


def _described(short: EntityCluster) -> bool:
    return any(_someone_else(mention) for mention in short.mentions)


def _someone_else(mention: Span) -> bool:
    """A given name described as another person ("Viktor, a local farmer, flew to Vienna")
    or a reigning name ("King Charles")."""
    root = mention.root
    # (not the next name of a list the parser took for an apposition: "Hu, Gurbanguly
    # Berdymukhamedov and Islam Karimov turned a valve")
    if any(c.dep_ == "appos" and c.ent_type_ != "PERSON" for c in root.children):
        return True
    start = mention.start
    return start > 0 and mention.doc[start - 1].lower_ in MONARCHS  # (a reigning name)


def _fuzzy(one: EntityCluster, other: EntityCluster) -> bool:
    return (
        one.label == other.label
        and (one.country is None or other.country is None or one.country == other.country)
        and len(one.name) >= 8
        and len(one.name.split()) == len(other.name.split())
        and fuzz.ratio(one.name, other.name) >= FUZZY_MIN_SCORE
    )


def _preferred(one: EntityCluster, other: EntityCluster) -> bool:
    """Whether ``one``'s spelling should name the merged entity: most mentions, then shorter."""
    return (len(one.mentions), -len(one.name), -one.first_offset) > (
        len(other.mentions),
        -len(other.name),
        -other.first_offset,
    )


def _kind(cluster: EntityCluster, context: EntityContext) -> str | None:
    term = context.terms.get(cluster.name.lower())
    if term is not None:
        return term.kind
    place = context.gazetteer.resolve(cluster.name) if cluster.label in PLACE_LABELS else None
    return place.kind if place else None
