"""Hand-written articles about one story (our own sentences) and mention builders."""

from __future__ import annotations

from copydesk.models import Article, Entity, Mention, Quantity, Quote, Span, Time

TEXTS = {
    "a": ("Officials confirmed that the army received ATACMS missiles with a range of 300 km. "
          "The secret approval came on February 17, 2024, a U.S. official said. "
          "Some 11,000 troops were sent to the border region. "
          "“We will keep the corridor open,” said Harbour Minister Lena Korr."),
    "b": ("The ATACMS missiles can strike targets 190 miles away, the army said. "
          "Washington authorized the transfer on February 17, 2024. "
          "About 11,000 soldiers were deployed to the border region. "
          "Lena Korr told reporters: “We will keep the corridor open at any cost.”"),
    "c": ("A shipment of ATACMS missiles arrived in March 2024 with a range of up to 300 km. "
          "The cabinet greenlit the plan in secret in February 2024. "
          "Each ATACMS missile costs $1.5 million."),
}
ARTICLES = {k: Article(id=k, source=f"outlet-{k}", text=v) for k, v in TEXTS.items()}
KM = 1000.0
MILE = 1609.344


def m(aid: str, phrase: str, kind: str, value: object, nth: int = 0) -> Mention:
    text = TEXTS[aid]
    i = -1
    for _ in range(nth + 1):
        i = text.index(phrase, i + 1)
    return Mention(kind, i, i + len(phrase), value, article_id=aid)  # type: ignore[arg-type]


def q(amount: float, unit: str | None, factor: float, base: str | None, counted: str | None = None,
      qualifier: str | None = None) -> Quantity:
    return Quantity(amount=amount, unit=unit, qualifier=qualifier, normalized_amount=amount * factor,
                    normalized_unit=base, counted=counted)


def quote(aid: str, content: str, speaker: str) -> Mention:
    text = TEXTS[aid]
    i = text.index(content)
    return Mention("quote", i, i + len(content), Quote(speaker, None, None, Span(i, i + len(content)), True),
                   article_id=aid)


def mentions() -> dict[str, list[Mention]]:
    atacms = Entity("PRODUCT", "ATACMS")
    return {
        "a": [m("a", "ATACMS", "entity", atacms), m("a", "300 km", "quantity", q(300, "km", KM, "m", "range")),
              m("a", "February 17, 2024", "time", Time("2024-02-17")),
              m("a", "11,000 troops", "quantity", q(11000, None, 1, None, "troops")),
              quote("a", "We will keep the corridor open", "Lena Korr")],
        "b": [m("b", "ATACMS", "entity", atacms), m("b", "190 miles", "quantity", q(190, "mile", MILE, "m")),
              m("b", "February 17, 2024", "time", Time("2024-02-17")),
              m("b", "About 11,000 soldiers", "quantity", q(11000, None, 1, None, "soldiers", "approx")),
              quote("b", "We will keep the corridor open at any cost.", "Lena Korr")],
        "c": [m("c", "ATACMS", "entity", atacms, 0), m("c", "March 2024", "time", Time("2024-03")),
              m("c", "up to 300 km", "quantity", q(300, "km", KM, "m", "range", "le")),
              m("c", "February 2024", "time", Time("2024-02")),
              m("c", "ATACMS", "entity", atacms, 1), m("c", "$1.5 million", "quantity", q(1.5e6, "USD", 1, "USD"))],
    }
