"""Lexicons and patterns for sentence and word splitting of English news text."""

from __future__ import annotations

import re

#: Titles before a name: "Gen. Milley", "Lt. Col. Reyes", "Sen. Warren" never end a sentence.
TITLES = frozenset("""
mr mrs ms messrs mmes dr prof rev fr sr sra srta gen lt col maj capt cpt cmdr cdr adm sgt cpl pvt
brig gov sen rep reps sens pres supt insp det atty hon amb rt lieut cmdt msgr ens
""".split())

#: Abbreviations followed by a number: "No. 10", "Feb. 12", "Vol. 3".
NUMBER_ABBREVS = frozenset("""
no nos vol vols art arts fig figs sec secs ch chap p pp para op ed eds pt pts ver est approx
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

#: Of those, the ones that are also ordinary words ("said no.", "modern art."): before a
#: capitalized word they end the sentence like any other word.
NUMBER_ONLY = frozenset("no nos vol vols art arts fig figs sec secs ch chap pp para op ed eds pt pts ver".split())

#: Other abbreviations that usually do not end a sentence (they end one when a common sentence
#: opener follows): "Apple Inc. said", "in the U.S. Army", "at 9 a.m. Monday".
ABBREVS = frozenset("""
inc corp co ltd llc plc bros jr esq etc vs v al cf dept univ assn ave blvd rd hwy st mt ft
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb
nev okla ore pa tenn tex va vt wash wis wyo
mon tue tues wed thu thur thurs fri sat sun
""".split()) | (NUMBER_ABBREVS - NUMBER_ONLY)

#: Words that start a new sentence far more often than they continue a name or an abbreviation.
STARTERS = frozenset("""
a an the it its he she they we i you his her their our my this that these those there here
but and or so yet if when while after before as in on at by for from with without since
officials police authorities meanwhile however still also then now later earlier
what who why how where which some many most all no one two three several both each
""".split())

#: A dotted initialism: "U.S.", "U.N.", "a.m.", "e.g.", "Ph.D.".
INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.){2,}$")

#: A candidate boundary: closing punctuation (with closing quotes or brackets) before whitespace.
CANDIDATE = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’»)\]]*(?=\s)|\n")

#: Characters stripped from the front of the word before a full stop ("(Gen." -> "Gen").
OPENERS = "\"'“‘([{«"
