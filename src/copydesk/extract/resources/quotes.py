"""Lexicons for quotes and attributions, keyed on the parse's lemmas (data only, no logic)."""

from __future__ import annotations

import re

#: Verbs of speech, writing and stance that attribute what follows to their subject.
SPEECH_LEMMAS = frozenset("""
say tell add write tweet post warn announce confirm claim state note argue insist deny acknowledge
report explain suggest ask predict promise urge allege admit contend maintain declare emphasize
emphasise stress reveal testify recall complain respond reply estimate believe think caution conclude
agree concede boast vow pledge charge accuse signal indicate assure wonder joke quip observe remark
assert hint comment continue describe call tout lament concur counter retort recount disclose
speculate threaten demand propose question dispute reiterate repeat affirm brag scoff mock blast slam
criticize criticise praise blame thank welcome decry denounce condemn acknowledge expect hope fear
worry know feel doubt write email text inform remind explain mention point
""".split())

#: Cue lemmas learned from PolNeAR train by ``quote_cues.CueLexicon`` on the pipeline's verb lemmas:
#: lemma -> (times it heads a gold cue, times it occurs as a verb); counts only, no text. Regenerate with
#: ``python -m copydesk.extract.quote_cues ../shared/data/polnear/train [PROCESSES]`` (fitted here on every
#: third train text, 120 texts, with a step-3000 checkpoint).
LEARNED_CUES: dict[str, tuple[int, int]] = {
    "accord": (35, 40), "accuse": (12, 13), "acknowledge": (7, 10), "add": (42, 56), "agree": (9, 23),
    "allow": (7, 30), "announce": (17, 28), "apologize": (5, 8), "appear": (11, 25), "argue": (22, 27),
    "ask": (25, 49), "attack": (4, 16), "back": (9, 29), "become": (9, 76), "begin": (4, 41),
    "believe": (5, 62), "call": (58, 102), "cast": (5, 14), "challenge": (6, 17), "charge": (7, 12),
    "cite": (5, 6), "claim": (16, 21), "come": (5, 102), "conclude": (5, 10), "confirm": (5, 14),
    "consider": (6, 22), "continue": (11, 52), "criticize": (16, 24), "decide": (5, 22), "declare": (7, 11),
    "decline": (12, 14), "deem": (4, 5), "defend": (14, 21), "demand": (5, 7), "deny": (8, 13),
    "describe": (10, 18), "disclose": (5, 6), "discuss": (6, 12), "dismiss": (5, 6), "draw": (6, 25),
    "endorse": (17, 36), "expect": (18, 32), "explain": (6, 11), "express": (5, 9), "favor": (4, 11),
    "find": (13, 57), "focus": (6, 34), "go": (9, 176), "have": (21, 549), "hold": (5, 55), "hope": (5, 19),
    "indicate": (5, 7), "insist": (11, 13), "intend": (4, 9), "know": (20, 105), "like": (5, 32),
    "look": (4, 46), "make": (16, 177), "mention": (7, 13), "name": (4, 12), "nominate": (9, 26),
    "note": (23, 25), "offer": (6, 24), "oppose": (8, 20), "pass": (4, 26), "pledge": (4, 16),
    "point": (4, 13), "praise": (8, 9), "predict": (4, 7), "prefer": (5, 5), "promise": (6, 8),
    "propose": (8, 17), "push": (5, 15), "recall": (5, 5), "recognize": (6, 16), "refer": (8, 11),
    "refuse": (6, 8), "release": (5, 22), "remember": (4, 10), "repeat": (4, 12), "reply": (6, 7),
    "report": (14, 24), "respond": (5, 20), "reveal": (6, 9), "say": (685, 800), "see": (13, 78),
    "seek": (5, 27), "seem": (14, 26), "show": (42, 76), "speak": (9, 53), "state": (5, 9),
    "suggest": (19, 25), "support": (11, 49), "take": (8, 132), "talk": (10, 41), "tell": (76, 103),
    "think": (7, 108), "try": (7, 69), "tweet": (11, 16), "urge": (4, 6), "use": (5, 75), "vote": (10, 43),
    "vow": (8, 8), "want": (10, 91), "warn": (8, 11), "worry": (4, 10), "write": (22, 41),
}

#: Cues whose object is the addressee, not what was said ("told reporters that ...").
ADDRESSEE_CUES = frozenset("tell ask assure warn urge inform remind promise email text notify brief".split())
#: Cues whose infinitive complement is the content ("urged Congress to act").
INFINITIVE_CUES = frozenset("""
urge ask promise vow pledge threaten call demand propose plan want expect hope tell warn encourage
""".split())
#: Speech verbs whose direct object is not what was said ("called the police", "wrote a letter").
NO_OBJECT_CONTENT = frozenset("call continue point text email post write tell ask inform remind add comment "
                              "respond reply thank tweet report".split())
#: Verbs that report a refusal to speak: the speech verb under them was not done.
REFUSALS = frozenset("refuse decline".split())
#: Speech verbs a refusal governs even when they are not attribution cues ("declined to comment").
REFUSED_SPEECH = frozenset("comment say discuss answer elaborate confirm specify identify speculate respond "
                           "address disclose reveal explain".split())
#: Cues that deny what their complement or object says ("denied that ...", "denied the report").
DENIALS = frozenset("deny dispute".split())
#: Cue modality: auxiliaries and governing verbs that make the speech act possible or expected.
POSSIBLE_AUX = frozenset("could might may would can".split())
EXPECTED_HEADS = frozenset("expect plan schedule set due likely".split())
REPORTED_ADVERBS = frozenset("reportedly allegedly purportedly supposedly apparently".split())

#: Person pronouns as sources: the kinds of antecedent each may take.
PRONOUN_KINDS: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",), "him": ("PERSON",), "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE"), "they": ("ORG", "GPE", "NORP", "GROUP"), "them": ("ORG", "GPE", "NORP", "GROUP"),
}
PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
#: Honorifics that tell a person's gender ("Mr. Smith", "Ms. Lopez").
HONORIFIC_GENDER = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female",
                    "ms": "female", "miss": "female", "sir": "male", "lady": "female"}
#: Nouns for what carried the words: their author ("a tweet from X", "X's statement") is the speaker.
MEDIUM_NOUNS = frozenset("tweet post statement letter email message video ad advertisement release memo "
                         "op-ed column interview speech filing lawsuit complaint".split())
#: Prepositions that introduce a medium's author ("a letter from", "a post by").
AUTHOR_CASES = frozenset("from by of".split())
#: Relative pronouns: the source is the noun the relative clause hangs on.
RELATIVES = frozenset("who that which whom".split())
#: Entity types that can speak.
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")

ANONYMOUS = re.compile(
    r"\b(?:sources?|officials?|people|person|insiders?|aides?|diplomats?|spokesperson)\b"
    r"|\b(?:a|an|one|two|three|several|some|another)\s+(?:[\w.\-]+\s+){0,3}"
    r"(?:official|source|aide|diplomat|officer|person|insider|adviser|advisor|analyst|lawmaker)s?\b",
    re.I)
ANONYMOUS_CUES = re.compile(
    r"familiar with|briefed on|on condition of anonymity|not authori[sz]ed|declined to be named|"
    r"requested anonymity|asked not to be (?:named|identified)", re.I)

CHANNEL = re.compile(
    r"\b(?:on (?:Telegram|Twitter|X|Facebook|Instagram|TikTok|social media|television|TV|state TV|"
    r"state television|the radio|a podcast)|in an? (?:press conference|news conference|statement|"
    r"interview(?: with [A-Z][\w.]*(?: [A-Z][\w.]*)*)?|video(?: address)?|post|tweet|briefing|op-ed|"
    r"speech|letter|email|televised address)|at an? (?:press conference|news conference|briefing|"
    r"rally|hearing|summit)|told (?:reporters|journalists|CNN|the BBC|Reuters|AP|AFP|NBC|CBS|ABC|"
    r"Fox News|[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}))\b")

HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly|possibly|probably|likely|unlikely|"
    r"perhaps|may|might|could|would|is expected to|are expected to|was expected to|were expected to|"
    r"is said to|are said to|is believed to|are believed to|appears? to|seems? to|unconfirmed|"
    r"unverified|according to)\b", re.I)

#: Opening mark -> closing mark of direct quotes (straight quotes close themselves).
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»", "''": "''"}
CLOSING_MARKS = frozenset(QUOTE_MARKS.values())
#: Labels that look like "Speaker:" at a line start but are not speakers.
HEADLINE_STOP = frozenset("update note editor correction related watch read photos photo video source sources "
                          "breaking exclusive analysis opinion q a question answer live updates listen see "
                          "also warning caption credit file".split())
#: Nouns of time that head temporal phrases, never speakers ("this month said" is a misparse).
TIME_NOUNS = frozenset("day week month year time today yesterday tonight morning afternoon evening night "
                       "weekend decade century hour minute season quarter".split())
#: Datelines open an article: "WASHINGTON —", "KYIV, Ukraine (AP) —".
DATELINE_END = frozenset("— – - (AP) (Reuters) (AFP)".split())
