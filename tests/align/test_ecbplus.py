"""The ECB+ reader the scorer is fitted and benchmarked with: texts, gold mentions, chains, coreference scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.align import ecbplus

DOC = """<Document doc_name="{name}.xml">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">a</token>
<token t_id="4" sentence="0" number="3">man</token>
<token t_id="5" sentence="0" number="4">.</token>
<token t_id="6" sentence="1" number="0">He</token>
<token t_id="7" sentence="1" number="1">was</token>
<token t_id="8" sentence="1" number="2">charged</token>
<token t_id="9" sentence="1" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="11"><token_anchor t_id="7"/><token_anchor t_id="8"/></NEG_ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="12"><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="13"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT_ARREST"><source m_id="10"/><target m_id="99"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "ECB+" / "7").mkdir(parents=True)
    for name in ("7_1ecb", "7_2ecbplus"):
        (tmp_path / "ECB+" / "7" / f"{name}.xml").write_text(DOC.format(name=name))
    # sentence 1 of 7_1ecb is validated; sentence 0 of both documents too
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,1ecb,1\n7,2ecbplus,0\n")
    return tmp_path


def test_read_builds_text_offsets_and_chains(corpus: Path) -> None:
    docs = ecbplus.read(corpus, [7, 8])
    assert [d.name for d in docs] == ["7_1ecb", "7_2ecbplus"]
    first, second = docs
    assert first.text == "Police arrested a man .\nHe was charged ."
    assert first.sub == "ecb" and second.sub == "ecbplus" and first.topic == 7
    words = [first.text[m.start:m.end] for m in first.mentions]
    assert words == ["arrested", "arrested", "was charged"]  # events only, never the HUMAN markable
    by_id = {m.id.split(":")[1]: m for m in first.mentions}
    assert by_id["10"].chain == "7:ACT_ARREST"
    assert by_id["13"].chain != by_id["10"].chain  # a mention in no relation is a singleton
    assert by_id["11"].neg and not by_id["10"].neg
    # the second document's sentence 1 is not validated: its mention is left out
    assert [second.text[m.start:m.end] for m in second.mentions] == ["arrested", "arrested"]
    assert second.mentions[0].chain == "7:ACT_ARREST"


def test_head_token_is_the_trigger_head_in_the_parse(corpus: Path) -> None:
    doc = ecbplus.read(corpus, [7])[0]
    parsed = ecbplus.parse_documents([doc], cache=False)[0]
    heads = [parsed[ecbplus.head_token(parsed, m.start, m.end)] for m in doc.mentions]
    assert [t.text for t in heads] == ["arrested", "arrested", "charged"]
    assert heads[0].lemma_ == "arrest" and heads[2].lemma_ == "charge"


def test_blocks_by_sub_topic_or_topic(corpus: Path) -> None:
    docs = ecbplus.read(corpus, [7])
    assert ecbplus.by_block(docs) == {(7, "ecb"): [0], (7, "ecbplus"): [1]}
    assert ecbplus.by_block(docs, by_topic=True) == {(7, "all"): [0, 1]}


def test_coreference_scores_on_a_worked_example() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = ecbplus.conll(gold, pred)
    assert s["muc"] == 50.0
    assert s["b3"] == pytest.approx(100 * 12 / 17, abs=0.05)
    assert s["ceafe"] == pytest.approx(100 * (0.8 + 2 / 3) / 2, abs=0.05)
    assert s["conll"] == pytest.approx((s["muc"] + s["b3"] + s["ceafe"]) / 3, abs=0.05)
    assert ecbplus.conll(gold, gold)["conll"] == 100.0


def test_average_linkage_merges_only_above_the_threshold() -> None:
    import numpy as np

    # pairs (0,1) (0,2) (1,2): 0 and 1 agree, 2 is apart
    probs = np.array([0.9, 0.1, 0.2])
    labels = ecbplus.average_linkage(probs, 3, 0.5)
    assert labels[0] == labels[1] != labels[2]
    assert len(set(ecbplus.average_linkage(probs, 3, 0.95))) == 3
    assert ecbplus.average_linkage(np.zeros(0), 1, 0.5) == [0]
