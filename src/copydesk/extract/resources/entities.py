"""Lexicons and regexes for the entity extractor (data only, no logic)."""

from __future__ import annotations

import re

PERSON_TITLES = frozenset("""
President Vice Prime Minister Secretary Sen. Senator Rep. Representative Gov. Governor Gen. General
Lt. Col. Colonel Maj. Major Adm. Admiral Capt. Captain Sgt. Mr. Mrs. Ms. Dr. Prof. Professor Judge
Justice Chancellor King Queen Prince Princess Pope Mayor Ambassador Commander Chief Director
Spokesperson Spokesman Spokeswoman Chairman Chairwoman Chair Speaker Leader Deputy Foreign Defense
Defence Interior Finance Attorney Former Acting Sheikh Lord Lady Sir Rev. Ayatollah Marshal Pres.
""".split())

ORG_WORDS = frozenset("""
Ministry Department Pentagon Inc Inc. Corp Corp. Corporation Agency Council Army Forces Force Navy
Command Committee Commission Company Co. Ltd Ltd. LLC Group Bank Party University Institute Office
Service Services Court Congress Senate Parliament Administration Organization Organisation Union
Association Federation Fund Guard Police Ministry Times Post Journal News Press Reuters Network
Foundation Center Centre Alliance Board Authority Bureau Cabinet Kremlin Duma Assembly Airlines
Industries Technologies Systems Holdings Media Television Radio Campaign Coalition Brigade Battalion
Today Tribune Herald Gazette Daily Magazine Channel Club Church Hospital School College Academy
""".split())

EVENT_WORDS = frozenset("""
War Summit Olympics Games Election Elections Conference Cup Championship Festival Revolution Crisis
Offensive Counteroffensive Invasion Battle Siege Forum Convention Debate Debates Primary Caucus Caucuses
""".split())

#: Country names in the forms news uses that pycountry's names lack ("Russia" is "Russian Federation").
COUNTRY_ALIASES = frozenset({
    "U.S.", "US", "USA", "America", "United States", "U.K.", "UK", "Britain", "Great Britain", "England",
    "Scotland", "Wales", "Northern Ireland", "Russia", "Iran", "Syria", "South Korea", "North Korea",
    "Taiwan", "Vietnam", "Laos", "Bolivia", "Venezuela", "Tanzania", "Moldova", "Czech Republic", "Czechia",
    "Turkey", "Palestine", "Kosovo", "Congo", "Ivory Coast", "UAE", "EU", "Holland", "Burma",
})

#: World regions and territories named like places.
REGIONS = frozenset({
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
    "Gaza", "West Bank", "Crimea", "Donbas", "Balkans", "Caucasus", "Arctic", "Antarctica", "Scandinavia",
    "Gulf", "Persian Gulf", "Pacific", "Atlantic", "Mediterranean", "Sahel", "Kashmir", "Siberia",
})

# Place-name heads: "Nassau County", "Baltimore City".
PLACE_WORDS = frozenset("County City State Province Region Oblast District Island Islands River Valley "
                        "Mountains Sea Ocean Bay Peninsula Strait Street Avenue Square".split())

NORP = frozenset("""
Ukrainian Ukrainians Russian Russians American Americans British Briton Britons French German Germans
Chinese Japanese Korean Koreans Iranian Iranians Israeli Israelis Palestinian Palestinians Polish Pole
Poles Italian Italians Spanish Turkish Turks Syrian Syrians Iraqi Iraqis Afghan Afghans Indian Indians
Pakistani Canadian Canadians Mexican Mexicans European Europeans African Africans Asian Asians Arab
Arabs Muslim Muslims Christian Christians Jewish Jews Catholic Catholics Democrat Democrats Democratic
Republican Republicans Belarusian Georgian Lithuanian Latvian Estonian Finnish Swedish Norwegian Danish
Dutch Belgian Swiss Austrian Hungarian Romanian Bulgarian Serbian Croatian Greek Egyptian Saudi Saudis
Lebanese Jordanian Qatari Emirati Kurdish Kurds Western Soviet Nazi Chechen Houthi Houthis Taliban
Hamas Hezbollah Conservative Conservatives Liberal Liberals Labour Kremlin-backed Pro-Russian
""".split()) | frozenset({"North Korean", "South Korean", "North Koreans", "South Koreans"})

#: Nouns a product name modifies: "HIMARS launchers", "Leopard tanks", "iPhone apps".
PRODUCT_HEADS = frozenset("""
missile rocket launcher tank jet fighter drone rifle gun howitzer artillery system aircraft plane
helicopter vehicle car truck phone smartphone app software chip vaccine drug satellite ship submarine
warship frigate destroyer carrier engine model console laptop tablet
""".split())

#: Words that may join two proper nouns inside one name ("Bank of America", "Department of the Treasury").
NAME_GLUE = frozenset({"of", "the", "and", "&", "for", "on", "de", "du", "la", "von", "van", "al"})

# Capitalized words that open sentences and are not names.
STOP_CAPS = frozenset("""
The A An And But Or If In On At By For From To With Without As After Before During While When Where
Why How What Who Whom Which That This These Those There Here Then Than Though Although However
Meanwhile Also Still Yet So Since Because Until Unless It Its He She They We I You His Her Their Our
My Your Him Them Us Me Some Many Most Several Such One Two Three Both Each Every Another Other No Not
All Any Few More Less Last Next First Second Third New Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November December
Mr Mrs Ms Today Tomorrow Yesterday Earlier Later Now Asked Under Over Despite Instead Overall
According Officials Some Read Watch Photo Editor Note Please Sources Experts Analysts Critics
""".split())

CONNECTORS = frozenset({"of", "for", "and", "de", "al", "bin", "van", "von", "der", "la", "du", "on", "the"})

# A candidate token: a capitalized word (may carry dots, apostrophes, inner hyphens, digits),
# an acronym, or a hyphenated model name such as "F-16" or "Su-35".
_ABBR = r"(?:Gen|Sen|Rep|Gov|Lt|Col|Maj|Adm|Capt|Sgt|Mr|Mrs|Ms|Dr|Prof|Jr|Sr|St|Rev|Pres|Inc|Corp|Co|Ltd)\."
_TOKEN = rf"(?:[A-Z]\.(?:[A-Z]\.)+|{_ABBR}|[A-Z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*)"
_CONN = r"(?:of|for|de|al|bin|van|von|der|la|du)"
CANDIDATE = re.compile(rf"(?<![\w\-]){_TOKEN}(?:[ \t](?:{_CONN}[ \t](?:the[ \t])?)?{_TOKEN})*(?![\w\-])")
HYPHEN_MODEL = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d+[A-Za-z]*$")
ACRONYM = re.compile(r"^(?:[A-Z]{2,6}s?|(?:[A-Z]\.){2,})$")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

# "the president" style back references, mapped to the title that introduces the person.
ROLE_REFS = re.compile(
    r"\b[Tt]he (president|prime minister|senator|governor|general|chancellor|minister|secretary|mayor)\b")
