"""Generated dated news streams with known stories (invented names, our own templates)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

SYLLABLES = "ka lo mi ra ten vo sul dar pe ni gro ha bel tur os ven ria mak do lin".split()
TEMPLATES = [
    ["A magnitude {mag} earthquake struck {place} on {weekday}, killing {n1} people.",
     "Governor {person} said rescue teams were searching collapsed {building} in {place}.",
     "Aftershocks shook {place} and the {river} valley through the night.",
     "Seismologists at the {agency} measured the quake at a depth of {n2} kilometres."],
    ["Workers at the {company} factory in {place} walked out on {weekday} over wages.",
     "Union leader {person} said {n1} members joined the strike at {company}.",
     "The {company} management warned of layoffs at the {place} factory.",
     "Assembly lines in {place} stopped for the first time since {year}."],
    ["Voters in {place} elected {person} as mayor on {weekday} with {n1} percent of ballots.",
     "{person} promised new {building} for {place} and the {river} district.",
     "Turnout in the municipal election reached {n2} thousand, the {agency} said.",
     "The defeated candidate congratulated {person} at a rally on the {river} embankment."],
    ["Floodwater from the {river} river swamped {place} on {weekday} after days of rain.",
     "Emergency minister {person} said {n1} households were evacuated by boat.",
     "Levees near {place} gave way overnight, the {agency} reported.",
     "Forecasters expect the {river} to crest at {n2} metres above normal."],
    ["Police in {place} arrested {n1} suspects on {weekday} in a smuggling investigation.",
     "Prosecutor {person} said the gang moved counterfeit {product} through the port.",
     "Customs officers seized {n2} containers, the {agency} confirmed.",
     "The suspects face trial in the {place} district court next month."],
    ["The {company} rocket lifted off from {place} on {weekday} carrying {n1} satellites.",
     "Mission director {person} said the booster landed safely on a drone ship.",
     "The satellites will reach an orbit of {n2} kilometres, the {agency} said.",
     "Spectators lined the beaches near {place} to watch the launch."],
]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def stream(stories: int, per_story: int, seed: int = 3) -> list[dict[str, str]]:
    """``stories`` x ``per_story`` records (JSONL form), one new story a day, in date order.

    Each story's kind repeats only every len(TEMPLATES) days, beyond the story window,
    so the stories do not depend on the order their articles arrive in.

    Every record carries its story label under ``label`` (kept as metadata on ingest).
    """
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out = []
    for s in range(stories):
        p = {"place": _name(rng, 3), "person": f"{_name(rng, 2)} {_name(rng, 3)}", "company": _name(rng, 3),
             "river": _name(rng, 2), "agency": _name(rng, 2) + " Agency", "year": str(rng.randint(1950, 2020)),
             "building": rng.choice(["schools", "hospitals", "markets"]), "mag": f"{rng.randint(40, 79) / 10}",
             "product": rng.choice(["cigarettes", "medicines", "watches"]),
             "weekday": rng.choice(["Monday", "Tuesday", "Friday"]), "n1": str(rng.randint(2, 400)),
             "n2": str(rng.randint(5, 90))}
        sents = [x.format(**p) for x in TEMPLATES[s % len(TEMPLATES)]]
        day = start + timedelta(days=s)
        for k in range(per_story):
            body = [sents[0]] + [x for x in sents[1:] if rng.random() < 0.85]
            out.append({"source": f"Outlet {k % 7}", "title": f"{p['place']}: {sents[0][:60]}",
                        "published": (day + timedelta(days=rng.choice([0, 0, 1]))).isoformat(),
                        "url": f"https://news.example/{s}/{k}", "text": " ".join(body) + f" Report {k}.",
                        "label": str(s)})
    out.sort(key=lambda r: (r["published"], r["url"]))
    return out


def write_jsonl(records: list[dict[str, str]], folder: Path, files: int) -> list[Path]:
    """``records`` split round-robin over ``files`` JSONL files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part{i}.jsonl" for i in range(files)]
    for i, path in enumerate(paths):
        path.write_text("".join(json.dumps(r) + "\n" for r in records[i::files]), encoding="utf-8")
    return paths
