"""Lexicons and regexes for quotes and attributions (data only, no logic)."""

from __future__ import annotations

import re

CUE_VERBS = (
    "said says say saying told tells tell added adds warned warns confirmed confirms announced announces "
    "claimed claims stated states noted notes argued argues insisted insists denied denies acknowledged "
    "acknowledges reported reports wrote writes tweeted tweets posted posts explained explains suggested "
    "suggests asked asks predicted predicts promised promises urged urges alleged alleges admitted admits "
    "contended contends maintained maintains declared declares emphasized emphasised stressed stresses "
    "revealed reveals testified recalled complained complains countered responded replied estimated "
    "estimates believes believed thinks thought cautioned concluded agreed agrees disputed conceded "
    "boasted vowed vows pledged pledges charged charges accused accuses signaled signalled indicated "
    "indicates assured wondered joked quipped acknowledged observed remarked asserted asserts blamed "
    "praised criticized criticised hinted learned found showed shows expects expected hopes hoped "
    "feared fears worried announced mused opined conceded explained "
    "saying telling adding calling noting arguing warning claiming insisting explaining asking writing "
    "tweeting posting reporting urging suggesting acknowledging denying confirming announcing promising "
    "vowing asserting declaring predicting describing continued continues want wants wanted show shows "
    "showed support supports supported endorsed endorses described describes refused refuses discussed "
    "expressed preferred prefer prefers thanked plans planned seemed appears dismissed mocked believe "
    "think know knows knew say reported "
    # Lower-precision train cues (CueLexicon min_precision=0.1), hand-picked verbs of belief and speech.
    "agree ask attacking confident endorse endorsing favor favors feel felt hope hopeful mention note pledge "
    "promise recognize remember saw see seen viewed worry write doubt"
).split()
# Learned from PolNeAR train by copydesk.extract.quote_cues.CueLexicon (min_precision=0.2, min_count=4).
LEARNED_CUES = (
    "accused accuses accusing acknowledge acknowledged acknowledging added adding addressed adds admits "
    "admitted agreed agrees alleged alleges alleging angered announce announced announces announcing "
    "answered appear appeared appears applauded appointed argue argued argues arguing asked asking asks "
    "assailed asserted asserting assertion assured attacked attributed authorized avoided backed backing "
    "believes believing bemoaned blame blamed blames blasted blasting blasts blocked boasted called "
    "calling calls cast cautioned celebrated challenged chanted chanting charged cited cites citing claim "
    "claimed claiming claims complained complaints conceded concluded concludes condemned confirmed "
    "considered considering considers contends continued convince convinced credited criticized "
    "criticizing decided declare declared declaring declined decried deemed defended defending delivering "
    "demanded demanding demands denied denounced denouncing described describes describing determined "
    "disclosed discuss discussed discussing dismissed dismisses dismissing documented eager echoed "
    "emailed embraced emphasized emphasizing encouraged endorsed endorses enjoyed estimated estimates "
    "expect expected expecting explained explaining explains exposed expressed favored fear fearing finds "
    "follows forecast found hailed highlighted highlighting hired hoped hopes hoping identified ignored "
    "implied indicate indicated indicates informed insist insisted insisting insists interjected invoked "
    "issued joked knocked knows lamented launched learned likened listed lists mentioned mentioning "
    "mentions mocked mocking named negotiated nominated noted notes noting offered offering opened oppose "
    "opposed opposes ordered passed persuaded planning pledged pledges pledging portrayed posted praised "
    "praises praising predict predicted predicting prefer preferred prefers presented proclaimed "
    "projected promised promises promising promote promoting proposed proposing published pushed "
    "questioned questioning quoted quotes rattled read reads realized rebuked recall recalled recalling "
    "recognized recognizing recommended recounted referenced referencing refuse refused refuses refusing "
    "reiterated rejected released remarked remarking remembered reminded reminding repeated repeating "
    "replied reported reportedly requested responded restricting retweeted reveal revealed reveals ruled "
    "said say saying says seeking seeks seem seemed seemingly seems sees shared shouted show showed "
    "showing shown shows signaled signed slammed slamming slams sought sounded speculated speculation "
    "stated stating stressed suggest suggested suggesting suggestion suggests supported supporting "
    "supports telling tells tend thanked thanking thinks threatened threatening titled told touted "
    "touting tweeted tweeting understood unveiled urged urging voiced vow vowed vowing vows wanted wants "
    "warn warned warning weighed welcomed wonder wondered worried worries writes writing wrote yelled "
).split()
CUE_PHRASES = ("pointed out", "pointed to", "points out", "called for", "calls for", "called on", "is asking", "is telling", "is calling for", "went on", "made clear", "made it clear", "has learned", "have learned")

_CUE = "|".join(sorted({re.escape(c) for c in CUE_VERBS + LEARNED_CUES} | {c.replace(" ", r"\s+") for c in CUE_PHRASES},
                       key=len, reverse=True))
_AUX = r"(?:(?:has|have|had|is|are|was|were|will|would|could|also|later|previously|then|repeatedly|once|again|recently|"
_AUX += r"publicly|privately|earlier|first|further)\s+){0,2}"
CUE = re.compile(rf"\b{_AUX}(?:{_CUE})\b")

# Words that end a source noun phrase going leftwards (clause openers).
SOURCE_STOP = frozenset("""
that which who whom whose and but or because while as when if since although though so than after
before where then what how why said says told is was are were be been being not also to of in on at
for with by from into about over has have had do does did will would could should can may might
""".split())
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}

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

# Paired direct quotes: curly, straight; content may span paragraphs for curly quotes.
DIRECT = re.compile(r"“[^“”]{2,4000}”|\"[^\"\n]{2,2000}\"")
# Speech tag right after a quote: ', he said' / ' said Smith' / ', the official told reporters'.
AFTER_TAG = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<src>[A-Z][\w.’'\-]*(?:\s+[\w.’'\-]+){{0,6}}?|he|she|they|it|we|I|"
    rf"(?:the|a|an|one|another)\s+[\w.’'\-]+(?:\s+[\w.’'\-]+){{0,5}}?)\s+(?P<cue>{_AUX}(?:{_CUE}))"
    rf"|(?P<cue2>{_CUE})\s+(?P<src2>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,4}}|the\s+[\w.’'\-]+"
    rf"(?:\s+[\w.’'\-]+){{0,4}}?))\b")
# Speech tag before a quote: 'Smith said: “...' / 'he told reporters, "...'.
BEFORE_TAG = re.compile(
    rf"(?P<src>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,4}}|\b(?:he|she|they|it|we|I)|\b(?:[Tt]he|[Aa]n?)\s+"
    rf"[\w.’'\-]+(?:\s+[\w.’'\-]+){{0,3}}?)\s+(?P<cue>{_AUX}(?:{_CUE}))(?:\s+[\w.’'\-]+){{0,4}}?\s*[,:]?\s*$")
ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<src>[^,.;]{2,80}?)(?=[,.;]|$)")
# Headline attribution: 'Graham: Trump's rhetoric hurts party' (a short name, a colon, the claim, one line).
HEADLINE = re.compile(
    r"^(?P<src>(?:Dr\.\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})(?P<cue>:)[ \t]+(?P<content>[^\n]{8,200})$",
    re.M)
HEADLINE_STOP = frozenset("update note editor correction related watch read photos video source sources "
                          "breaking exclusive analysis opinion q a question answer".split())
# A second, participial cue sharing the subject: '..., adding that ...' / '..., saying ...'.
PARTICIPLE = re.compile(
    r"(?:,\s+|\s+and\s+)(?P<cue>said|says|told|added|adds|noted|argued|warned|insisted|predicted|"
    r"claimed|stressed|acknowledged|vowed|promised|suggested|urged)\b"
    r"|,\s+(?:and\s+)?(?P<cue2>adding|saying|noting|arguing|calling(?:\s+for|\s+on)?|claiming|telling|asking|"
    r"warning|insisting|explaining|declaring|vowing|asserting|pointing\s+out|citing|suggesting|"
    r"accusing|urging|predicting|promising|describing|acknowledging|complaining|stressing)\b")
# Capitalized sentence openers that are not subjects ("But he said" -> "he"; "If ..." -> none).
SUBJECT_SKIP = re.compile(r"(?:But|And|So|Yet|Still|Now|Meanwhile|Also|Instead|Indeed|Moreover|However,?)\s+")
NOT_SUBJECT = frozenset("the a an in if when as while after with this that before since although though for on at "
                        "because by from to of editor’s editor's there here what how why where".split())
# A parenthetical speech tag inside the content: 'This campaign, he says, is different.'
PARENTHETICAL = re.compile(
    r",\s*(?P<src>he|she|they|we|I|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,2})\s+(?P<cue>says|said|added|argues|"
    r"argued|insists|insisted|notes|noted|believes|believed|thinks|thought|writes|wrote|explained|explains)\s*,")
