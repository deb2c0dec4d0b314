"""Lexicons and regexes used by story grouping and copy detection (no logic here)."""

from __future__ import annotations

import re

#: A word or a number as it appears in running text.
TOKEN_RE = re.compile(r"[^\W\d_](?:[\w'’.\-]*\w)?|\d(?:[\d,.]*\d)?%?", re.UNICODE)

#: Quoted speech: shared quotes are shared sources, not copying.
QUOTED_RE = re.compile(r"“[^”]{1,2000}”|\"[^\"]{1,2000}\"|``.{1,2000}?''", re.DOTALL)

#: A possessive ending on a name ("Russia’s").
POSSESSIVE_RE = re.compile(r"['’]s?$")

#: Words used as section or sentence openers that are capitalized but name nothing.
NOT_ENTITY = frozenset("""
a an the this that these those it its he she they we you i his her their our my your in on at by for
from to of with as but and or if when while after before during since until there here what who whom
which where why how mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december yesterday today
tomorrow according also however meanwhile some many most all one two three several said says image
photo read more update updated breaking news reporting editing advertisement
""".split())

#: Common English function words and newsroom filler: no signal about what a story is about.
STOPWORDS = frozenset("""
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at be became because become been before being below
between both but by can cannot could did do does doing done down during each either else enough
even ever every few for from further get gets got had has have having he her here hers herself him
himself his how however i if in into is it its itself just last least less like made make many may
me might more most much must my myself near need neither never new next no nor not now of off often
on once one only or other others otherwise our ours ourselves out over own per perhaps put rather
really same see seen several shall she should since so some such than that the their theirs them
themselves then there therefore these they this those though three through thus to together too
toward towards two under until up upon us very via was we well were what whatever when where whether
which while who whom whose why will with within without would yet you your yours yourself
said says say saying told tell according reported report reports including include includes
year years week weeks day days time times monday tuesday wednesday thursday friday saturday sunday
yesterday today tomorrow mr mrs ms also just like first second third percent would could
news image photo read post available via getty reuters ap afp associated press copyright
""".split())
