"""Lexicons for linking entity mentions across the articles of a story (data only, no logic)."""

from __future__ import annotations

from copydesk.extract.resources.entities import PERSON_TITLES

#: Title words stripped from the front of a person's name, lower case without dots ("mr", "gov", "president").
TITLES = frozenset(t.lower().rstrip(".") for t in PERSON_TITLES) | frozenset("""
mister madam dame msgr monsignor fr father bishop archbishop cardinal rabbi imam sheikh constable officer
trooper detective det inspector insp sheriff undersheriff supt superintendent coach dr doctor prof
""".split())

#: Generational suffixes that are no part of the surname ("Joseph R. Biden Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Particles glued to an Arabic surname that news drops on second reference ("al-Assad" -> "Assad").
SURNAME_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-")

#: Common English short forms of given names, mapped to one form so "Joe Biden" and "Joseph Biden" link.
NICKNAMES: dict[str, str] = {
    "joe": "joseph", "bill": "william", "will": "william", "billy": "william", "bob": "robert",
    "rob": "robert", "bobby": "robert", "jim": "james", "jimmy": "james", "mike": "michael",
    "tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard", "rich": "richard",
    "chuck": "charles", "charlie": "charles", "ted": "edward", "ed": "edward", "eddie": "edward",
    "tony": "anthony", "alex": "alexander", "dan": "daniel", "danny": "daniel", "dave": "david",
    "steve": "steven", "stephen": "steven", "chris": "christopher", "matt": "matthew", "nick": "nicholas",
    "ben": "benjamin", "sam": "samuel", "pat": "patrick", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "katie": "katherine", "catherine": "katherine", "jen": "jennifer",
    "jenny": "jennifer", "ron": "ronald", "don": "donald", "andy": "andrew", "drew": "andrew",
    "greg": "gregory", "jeff": "jeffrey", "geoff": "jeffrey", "ken": "kenneth", "larry": "lawrence",
    "fred": "frederick", "hank": "henry", "harry": "henry", "jon": "jonathan", "josh": "joshua",
    "vlad": "vladimir", "sasha": "alexander", "nate": "nathan", "pete": "peter", "phil": "philip",
    "ray": "raymond", "russ": "russell", "sue": "susan", "tim": "timothy", "walt": "walter",
    "abe": "abraham", "barb": "barbara", "cathy": "katherine", "debbie": "deborah",
    "gerry": "gerald", "jerry": "gerald", "meg": "margaret", "maggie": "margaret", "peggy": "margaret",
    "rudy": "rudolph", "stan": "stanley", "vince": "vincent", "zach": "zachary", "mo": "maurice",
}

#: Role nouns that describe one holder ("the spokesman", "the Pentagon spokesman"), lemmas.
ROLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson president minister secretary senator governor general chancellor
mayor ambassador commander chief director chairman chairwoman chair speaker leader prosecutor attorney
judge justice sheriff coach ceo founder premier king queen pope prince princess emperor envoy adviser
advisor lawmaker representative congressman congresswoman diplomat admiral colonel captain lieutenant
sergeant officer doctor professor detective inspector commissioner superintendent dean principal manager owner
president-elect
vice-president executive head boss chairperson actor actress singer rapper star player striker goalkeeper
quarterback pitcher driver pilot suspect victim gunman defendant plaintiff lawyer
""".split())

#: Title abbreviations and the role noun they stand for ("Gov. Newsom" is "the governor").
TITLE_ROLES: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "adm": "admiral", "capt": "captain", "sgt": "sergeant",
    "pres": "president", "prof": "professor", "dr": "doctor", "supt": "superintendent", "insp": "inspector",
    "det": "detective", "cmdr": "commander", "amb": "ambassador", "atty": "attorney",
}

#: Abbreviated words inside place and organisation names, spelt out for comparison ("Mt Cook").
NAME_ABBREVIATIONS: dict[str, str] = {
    "mt": "mount", "ft": "fort", "pt": "point", "univ": "university", "dept": "department", "intl": "international",
    "natl": "national", "assn": "association", "corp": "corporation", "co": "company", "inc": "incorporated",
}

#: Country names news uses that pycountry does not look up, with their ISO 3166 alpha-3 code.
COUNTRY_CODES: dict[str, str] = {
    "us": "USA", "usa": "USA", "america": "USA", "united states": "USA", "united states of america": "USA",
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "taiwan": "TWN", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "czech republic": "CZE", "czechia": "CZE", "turkey": "TUR",
    "palestine": "PSE", "ivory coast": "CIV", "uae": "ARE", "holland": "NLD", "burma": "MMR",
}

#: Words skipped when a full name is read as its initials ("Bank of England" -> "BE").
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "de", "in", "&", "at", "to"})

#: Seats of government that news names for the state they serve ("the Kremlin said"), with its alpha-3 code.
SEATS_OF_GOVERNMENT: dict[str, str] = {
    "kremlin": "RUS", "white house": "USA", "pentagon": "USA", "downing street": "GBR", "elysee": "FRA",
    "élysée": "FRA", "elysee palace": "FRA", "zhongnanhai": "CHN", "quai dorsay": "FRA",
}
