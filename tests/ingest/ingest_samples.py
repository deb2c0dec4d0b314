"""Hand-written sample inputs for the ingest tests (own words, fictional places)."""

from __future__ import annotations

PARAGRAPHS = [
    "The city of Larkfield will close its oldest bridge for eight months of repairs starting in June, "
    "the transport department said on Tuesday.",
    "Engineers found corrosion in two of the bridge's steel supports during an inspection in January, "
    "according to a report published by the department.",
    "“We are not taking any chances with a structure that carries 30,000 vehicles a day,” "
    "transport commissioner Dana Okafor told reporters.",
    "The repairs are expected to cost $14.2 million, most of it paid by the state.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Larkfield to shut historic bridge for repairs | Larkfield Gazette</title>
<meta property="og:site_name" content="Larkfield Gazette">
<meta property="og:title" content="Larkfield to shut historic bridge for repairs">
<meta name="author" content="Priya Nandakumar">
<meta property="article:published_time" content="2025-04-15T09:30:00-04:00">
<link rel="canonical" href="https://www.larkfieldgazette.example/news/bridge-repairs">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/login">Log in</a></nav></header>
<main><article>
<h1>Larkfield to shut historic bridge for repairs</h1>
<figure><img src="/b.jpg" alt="The bridge"><figcaption>Photo: Sam Reed / Reuters</figcaption></figure>
""" + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS) + """
<p>Share this article</p>
<p>Sign up for our newsletter to get local news every morning.</p>
<p>Priya Nandakumar is a reporter at the Larkfield Gazette covering transport and city hall.</p>
</article>
<aside><h2>You may also like</h2><ul><li><a href="/a">Council votes on parking fees</a></li>
<li><a href="/b">New bus routes announced</a></li></ul></aside>
</main>
<footer><p>&copy; 2025 Larkfield Gazette</p></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Valley Courier</title>
<link>https://valleycourier.example/</link>
<description>Local news</description>
<item>
<title>Flood barrier finished ahead of schedule</title>
<link>https://valleycourier.example/2025/05/02/flood-barrier</link>
<guid>vc-1001</guid>
<pubDate>Fri, 02 May 2025 14:20:00 +0100</pubDate>
<description>A short teaser only.</description>
<content:encoded><![CDATA[<p>Workers completed the new flood barrier on the River Oust three weeks early, the council said on Friday.</p>
<p>The barrier protects about 1,200 homes that flooded in 2019.</p><p>Share on Facebook</p>]]></content:encoded>
</item>
<item>
<title>School roof repairs delayed</title>
<link>https://valleycourier.example/2025/05/03/school-roof</link>
<pubDate>Sat, 03 May 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Repairs to the roof of Millbrook primary school have been delayed until the summer holidays, the head teacher said.&lt;/p&gt;</description>
</item>
<item>
<title>Bad date entry</title>
<link>https://valleycourier.example/bad</link>
<pubDate>sometime last week</pubDate>
<description>This entry has a publication date that nobody can read, so it is rejected.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northern Ledger</title>
<id>urn:uuid:northern-ledger</id>
<updated>2025-06-01T12:00:00Z</updated>
<entry>
<title>Ferry service resumes after storm</title>
<link href="https://northernledger.example/ferry-resumes"/>
<id>urn:uuid:entry-1</id>
<published>2025-06-01T11:45:00Z</published>
<updated>2025-06-01T11:50:00Z</updated>
<author><name>Tomasz Wren</name></author>
<summary>Ferries are running again.</summary>
<content type="html">&lt;p&gt;Ferry crossings between Ardwick and the islands resumed on Sunday after two days of cancellations caused by high winds, the operator said.&lt;/p&gt;&lt;p&gt;About 40 sailings were cancelled.&lt;/p&gt;</content>
</entry>
</feed>
"""

GERMAN = ("Die Stadt Larkfield schließt ihre älteste Brücke ab Juni für acht Monate, teilte das Verkehrsamt "
          "am Dienstag mit. Ingenieure hatten bei einer Prüfung im Januar Rost an zwei Stahlträgern gefunden.")
FRENCH = ("La ville de Larkfield fermera son plus vieux pont pendant huit mois à partir de juin, a annoncé "
          "mardi le service des transports. Des ingénieurs avaient trouvé de la rouille sur deux piliers.")


def record(**kw: object) -> dict:
    """A JSONL record with sensible defaults."""
    base = {"id": "lg-1", "source": "Larkfield Gazette", "url": "https://larkfieldgazette.example/a",
            "title": "Bridge to close", "published": "2025-04-15", "text": ARTICLE_TEXT}
    base.update(kw)
    return {k: v for k, v in base.items() if v is not None}
