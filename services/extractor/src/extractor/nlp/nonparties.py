"""Named entities that are states or their people yet take no part in the event: the origin of
a company ("Austria's Immuno"), people who do not act for their state ("Chinese tourists"), the
maker of a weapon ("Soviet-designed MiG-29s"), a birthplace ("a Portuguese-born photographer"),
the outlet a story was told to ("an official told the Wall Street Journal")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.nlp.arguments import REPORTING_VERBS

COMPANY_WORDS = {
    "company",
    "firm",
    "maker",
    "manufacturer",
    "airline",
    "airlines",  # ("Qatar Airways' order for up to 210 Boeing jets")
    "airways",
    "conglomerate",
    "retailer",
    "lender",
    "insurer",
    "corporation",
    "industries",  # ("Mitsubishi Heavy Industries and Kawasaki Heavy Industries")
    "industry",  # ("due to meet leaders of West German industry")
    "subsidiary",
    "operator",
    "producer",
    "exporter",
    "importer",
    "venture",  # "Woodside Petroleum, which leads the Sunrise joint venture"
    "carmaker",  # ("Japanese trading houses and carmakers have signed new contracts")
    "automaker",
    "utility",  # ("Gazprom, the German utility E.ON and BASF signed the deal")
    # the media: "Uzbek state television has attacked Washington" in words
    "television",
    "broadcaster",
    "newspaper",
    "radio",
    "media",
    "tabloid",
}  # (not "carrier" or "group": an aircraft carrier, a strike group)
# Written forms that name companies where their lemma may not: "Indian and Bangladeshi
# businesses signed deals" (not "Britain's business secretary").
COMPANY_FORMS = {"businesses"}
# What a company group trades in: "the French state-controlled nuclear fuel group", "British
# defence group BAE Systems" (not "a Miami exile group", "a carrier strike group").
BUSINESSES = {"fuel", "oil", "energy", "mining", "media", "steel", "chemical", "chemicals", "food",
              "retail", "insurance", "banking", "financial", "construction", "engineering",
              "defence", "defense", "aerospace", "shipping", "telecoms", "telecom", "technology",
              "tech", "gas", "auto", "car", "industrial", "pharmaceutical", "drinks", "tobacco",
              "luxury", "hotel", "logistics", "armaments"}  # fmt: skip
# People a nationality may describe who do not act for their state.
# (not "speaker", "family", "investor": a parliament's speaker, a royal family, a state fund)
CIVILIANS = {"pensioner", "retiree", "resident", "tourist", "student", "fan", "citizen",
             "villager", "worker", "farmer", "parent", "voter", "protester", "activist",
             "expatriate", "migrant", "refugee", "pilgrim", "businessman", "holidaymaker",
             "shopper", "traveller", "traveler", "goatherd", "shepherd", "herder",
             "fisherman", "trader", "smuggler", "man", "woman", "person", "people", "gunman",
             "civilian", "youth", "national",
             # and crime: "a boat carrying drugs for the Venezuelan gang Tren de Aragua"
             "gang", "cartel", "mafia", "trafficker", "pirate", "hijacker", "bandit"}  # fmt: skip


# Participles that make a nationality the maker of a weapon: "Russian-made", "Soviet-designed".
MADE = {"made", "built", "designed", "produced", "manufactured", "developed", "supplied"}


def business_group(noun: Token) -> bool:
    """ "the French state-controlled nuclear fuel group": a group named by what it trades in is
    a company (not "a Miami exile group", "a carrier strike group")."""
    return noun.lemma_.lower() == "group" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in BUSINESSES for c in noun.children
    )


def maker(ent: Span) -> bool:
    """ "13 Soviet-designed MiG-29 fighter jets": the state made the weapon, it takes no part
    in what is done with it (but sells it when no seller is named: ``weapon_maker``)."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in MADE


def birthplace(ent: Span) -> bool:
    """ "a Portuguese-born photographer": where a person was born, no state that acts."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "born"


def civilians(ent: Span) -> bool:
    """A nationality describing people who do not act for their state: "Russian pensioners in
    Tallinn held a meeting", "Chinese tourists"."""
    if ent.label_ != "NORP":
        return False
    if ent.root.dep_ in ("amod", "compound"):
        return ent.root.head.lemma_.lower() in CIVILIANS
    # (people counted by their nationality: "an Indonesian and a Vietnamese have been charged",
    # "police named several North Koreans")
    return any(
        (c.dep_ == "det" and c.lower_ in ("a", "an")) or c.dep_ == "nummod" or c.lower_ in COUNTED
        for c in ent.root.children
    )


# Words that count people of a nationality ("several North Koreans").
COUNTED = {"several", "some", "many", "few", "dozens", "hundreds", "thousands"}


def reported_to(ent: Span) -> bool:
    """The outlet of "…, an official told the Wall Street Journal" is no party to the event."""
    head = ent.root.head
    return head.lemma_ in REPORTING_VERBS and ent.root.dep_ in ("dobj", "dative", "pobj")
