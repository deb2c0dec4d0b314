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
#: ``python -m copydesk.extract.quote_cues ../shared/data/polnear/train [PROCESSES]`` (fitted on every
#: PolNeAR train text with the shipped copydesk_en 1.0.0).
LEARNED_CUES: dict[str, tuple[int, int]] = {
    "accept": (12, 100), "accord": (387, 430), "accuse": (86, 119), "acknowledge": (72, 98),
    "acquiesce": (5, 5), "add": (290, 396), "address": (17, 114), "admit": (33, 70), "adopt": (8, 47),
    "advise": (5, 49), "advocate": (11, 29), "agree": (67, 154), "aim": (16, 56), "align": (4, 24),
    "allege": (13, 38), "allow": (20, 166), "allude": (6, 7), "anger": (6, 12), "announce": (127, 169),
    "answer": (12, 60), "apologize": (9, 27), "appear": (102, 258), "applaud": (11, 20), "appoint": (7, 32),
    "approve": (10, 30), "argue": (145, 176), "articulate": (5, 9), "ask": (286, 473), "assail": (7, 9),
    "assert": (17, 27), "assume": (7, 38), "assure": (20, 38), "attack": (41, 172), "attempt": (8, 36),
    "attribute": (8, 17), "authorize": (4, 19), "avoid": (7, 72), "back": (45, 177), "balk": (5, 6),
    "ban": (5, 78), "be": (21, 844), "become": (16, 452), "begin": (25, 269), "believe": (75, 342),
    "bemoan": (6, 6), "blame": (34, 59), "blast": (30, 33), "block": (5, 61), "boast": (15, 26),
    "boo": (6, 17), "brag": (6, 6), "break": (5, 141), "bring": (9, 243), "brush": (4, 8), "call": (369, 705),
    "campaign": (8, 99), "care": (8, 74), "carry": (4, 106), "cast": (23, 100), "caution": (9, 10),
    "celebrate": (6, 37), "challenge": (23, 80), "champion": (5, 21), "chant": (11, 17),
    "characterize": (5, 11), "charge": (22, 63), "cheer": (6, 37), "chide": (6, 6), "choose": (11, 123),
    "circulate": (4, 12), "cite": (76, 93), "claim": (83, 131), "clarify": (4, 12), "come": (29, 818),
    "comment": (12, 55), "compare": (16, 104), "complain": (20, 30), "concede": (16, 22),
    "conclude": (43, 60), "condemn": (12, 33), "confirm": (23, 50), "congratulate": (7, 17),
    "consider": (45, 170), "contemplate": (5, 9), "contend": (7, 13), "continue": (95, 355),
    "contrast": (6, 14), "convince": (12, 40), "count": (9, 60), "counter": (4, 19), "cover": (8, 81),
    "create": (4, 167), "credit": (7, 10), "criticize": (81, 122), "debate": (5, 25), "decide": (35, 136),
    "declare": (73, 107), "decline": (68, 98), "decry": (14, 14), "dedicate": (4, 12), "deem": (12, 21),
    "defend": (51, 122), "deliver": (21, 118), "demand": (14, 37), "demonstrate": (7, 50),
    "denounce": (31, 41), "deny": (28, 67), "deride": (7, 9), "describe": (99, 157), "design": (5, 29),
    "detail": (4, 13), "determine": (16, 80), "devote": (7, 23), "disagree": (5, 24), "disavow": (5, 15),
    "disclose": (11, 27), "discover": (4, 24), "discuss": (43, 97), "dislike": (5, 16), "dismiss": (31, 45),
    "display": (5, 20), "dispute": (5, 15), "distance": (6, 14), "divide": (6, 72), "do": (11, 1159),
    "document": (6, 13), "double": (5, 17), "doubt": (4, 11), "draw": (21, 151), "dub": (5, 8),
    "echo": (14, 29), "email": (7, 23), "embrace": (14, 69), "emerge": (6, 68), "emphasize": (18, 32),
    "encourage": (14, 64), "end": (6, 181), "endorse": (86, 187), "enjoy": (9, 45), "envision": (5, 9),
    "establish": (4, 38), "estimate": (13, 33), "expand": (4, 92), "expect": (119, 223),
    "experience": (5, 22), "explain": (75, 119), "expose": (7, 36), "express": (49, 80), "fail": (7, 151),
    "favor": (20, 70), "fear": (19, 34), "feature": (4, 33), "feel": (30, 216), "fight": (5, 172),
    "figure": (4, 35), "file": (14, 74), "find": (94, 377), "fire": (14, 69), "focus": (39, 177),
    "follow": (10, 242), "forecast": (5, 5), "forget": (5, 25), "get": (11, 1022), "give": (32, 588),
    "go": (66, 1358), "guess": (4, 23), "hail": (6, 8), "hate": (5, 45), "have": (105, 2518),
    "hear": (5, 150), "help": (7, 416), "highlight": (20, 49), "hint": (5, 7), "hire": (8, 59),
    "hit": (13, 84), "hold": (21, 370), "hope": (69, 156), "identify": (24, 84), "ignore": (13, 61),
    "imagine": (5, 34), "imply": (10, 24), "impose": (4, 32), "include": (23, 634), "indicate": (37, 52),
    "inform": (6, 17), "insist": (59, 72), "intend": (13, 50), "interject": (6, 8), "interpret": (5, 10),
    "introduce": (14, 57), "invite": (5, 33), "invoke": (8, 17), "issue": (28, 71), "join": (6, 116),
    "joke": (13, 21), "keep": (9, 270), "knock": (5, 27), "know": (126, 686), "label": (8, 14),
    "lambaste": (5, 6), "lament": (11, 12), "lash": (6, 10), "launch": (13, 59), "lay": (13, 40),
    "lead": (5, 419), "lean": (5, 54), "learn": (23, 87), "leave": (7, 313), "let": (4, 175),
    "like": (27, 156), "liken": (6, 9), "line": (5, 20), "list": (18, 30), "look": (56, 389), "love": (7, 87),
    "maintain": (9, 57), "make": (120, 1422), "mark": (5, 45), "mean": (15, 236), "meet": (5, 187),
    "mention": (55, 86), "mock": (19, 31), "mount": (5, 21), "move": (5, 213), "muse": (4, 4),
    "name": (32, 83), "need": (18, 512), "negotiate": (4, 29), "nominate": (18, 72), "note": (178, 193),
    "notice": (5, 19), "observe": (5, 10), "offer": (73, 201), "open": (8, 108), "oppose": (46, 131),
    "opt": (4, 14), "order": (20, 29), "outline": (8, 16), "paint": (5, 20), "pass": (25, 138),
    "pay": (6, 353), "persuade": (8, 36), "pick": (4, 114), "pivot": (5, 13), "plan": (29, 125),
    "play": (9, 215), "plead": (9, 16), "pledge": (47, 131), "point": (81, 121), "portray": (16, 30),
    "position": (4, 21), "post": (30, 70), "praise": (43, 53), "predict": (38, 59), "prefer": (22, 45),
    "present": (11, 51), "press": (15, 60), "proclaim": (4, 9), "prohibit": (4, 11), "project": (10, 34),
    "promise": (60, 87), "promote": (15, 53), "propose": (46, 102), "protest": (5, 19), "prove": (6, 105),
    "provide": (21, 204), "publish": (14, 63), "pump": (4, 5), "pursue": (4, 56), "push": (43, 143),
    "put": (32, 330), "question": (52, 82), "quote": (10, 18), "rail": (12, 15), "raise": (22, 283),
    "rattle": (8, 19), "reach": (5, 121), "react": (6, 24), "read": (20, 96), "reaffirm": (5, 7),
    "realize": (6, 29), "rebuff": (4, 10), "recall": (49, 61), "receive": (9, 182), "recite": (4, 9),
    "recognize": (21, 74), "recommend": (10, 26), "recount": (7, 12), "refer": (65, 101),
    "reference": (12, 19), "reflect": (7, 68), "refuse": (58, 94), "regard": (7, 32), "reiterate": (16, 20),
    "reject": (36, 69), "release": (48, 242), "rely": (4, 43), "remain": (14, 271), "remark": (14, 16),
    "remember": (21, 68), "remind": (19, 43), "repeat": (18, 54), "reply": (27, 34), "report": (158, 246),
    "represent": (8, 154), "request": (11, 33), "require": (16, 130), "resist": (5, 15), "resonate": (4, 24),
    "respond": (77, 174), "restrict": (5, 21), "return": (6, 106), "retweet": (7, 9), "reveal": (50, 79),
    "rip": (5, 21), "rule": (14, 43), "run": (14, 429), "say": (5327, 6282), "see": (125, 688),
    "seek": (83, 222), "seem": (130, 257), "seize": (4, 34), "send": (21, 208), "set": (9, 140),
    "share": (20, 98), "shout": (10, 20), "show": (242, 535), "shrug": (4, 5), "side": (5, 8),
    "sign": (19, 109), "signal": (9, 20), "single": (4, 7), "slam": (16, 24), "sound": (15, 54),
    "spar": (4, 7), "speak": (66, 415), "speculate": (7, 10), "spend": (14, 254), "split": (4, 44),
    "stand": (11, 204), "start": (19, 237), "state": (48, 71), "stop": (6, 168), "stress": (14, 16),
    "strike": (6, 44), "struggle": (8, 76), "sue": (6, 29), "suggest": (180, 239), "support": (111, 491),
    "surprise": (5, 33), "suspect": (6, 19), "take": (65, 905), "talk": (74, 258), "target": (8, 70),
    "tell": (501, 728), "tend": (8, 38), "testify": (5, 18), "thank": (15, 44), "think": (109, 841),
    "threaten": (19, 50), "throw": (7, 63), "tie": (4, 53), "title": (8, 16), "touch": (4, 26),
    "tout": (20, 25), "trust": (4, 58), "try": (38, 423), "turn": (17, 310), "tweet": (87, 110),
    "underscore": (8, 28), "understand": (13, 146), "unveil": (5, 13), "urge": (51, 73), "use": (30, 473),
    "view": (20, 67), "voice": (11, 16), "vote": (54, 426), "vouch": (5, 5), "vow": (48, 54),
    "want": (114, 675), "warn": (46, 54), "watch": (9, 114), "weigh": (6, 26), "welcome": (8, 35),
    "win": (8, 999), "wonder": (16, 32), "work": (8, 604), "worry": (17, 44), "write": (293, 404),
    "yell": (7, 15),
}

#: Cues whose object is the addressee, not what was said ("told reporters that ...").
ADDRESSEE_CUES = frozenset("tell ask assure warn urge inform remind promise email text notify brief".split())
#: Cues whose infinitive complement is the content ("urged Congress to act"); not "ask", whose
#: infinitive is a request ("asked her to host"), not something the asker stated.
INFINITIVE_CUES = frozenset("""
urge promise vow pledge threaten call demand propose plan want expect hope tell warn encourage
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

#: Opening mark -> closing mark of direct quotes (straight quotes close themselves; in copy that
#: opens with two backticks, as tokenized text writes them, two apostrophes only close).
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»", "``": "''", "''": "''"}
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
