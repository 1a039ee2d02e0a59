"""The spaCy document model: underthesea tokens, POS, sentences, components and extension points."""

from __future__ import annotations

from pipeline.language import get_nlp

TEXT = "Ngày 22/6/2021, TS. Nguyễn Văn Phát làm việc với Sở Nội vụ.\n\nĐến hết tháng 6/2021 có 23.628 hội viên."


def test_tokens_are_underthesea_words_with_pos_and_exact_offsets():
    doc = get_nlp()(TEXT)
    assert doc.text == TEXT
    words = [t.text for t in doc if not t.is_space]
    assert "Nguyễn Văn Phát" in words and "Nội vụ" in words  # multi-syllable words are one token
    phat = next(t for t in doc if t.text == "Nguyễn Văn Phát")
    assert phat.tag_ == "Np"
    for token in doc:
        assert TEXT[token.idx:token.idx + len(token.text)] == token.text
    assert len(list(doc.sents)) == 2


def test_components_fill_ents_and_span_groups():
    nlp = get_nlp()
    assert nlp.pipe_names == ["vnnews_dates", "vnnews_entities", "vnnews_facts"]
    doc = nlp(TEXT)
    assert ("Nguyễn Văn Phát", "PER") in {(e.text, e.label_) for e in doc.ents}
    assert [(s.text, s._.value) for s in doc.spans["dates"]] == [("22/6/2021", "2021-06-22"), ("tháng 6/2021", "2021-06")]
    facts = {s.text: s._.value for s in doc.spans["facts"]}
    assert facts == {"23.628 hội viên": 23628}


def test_a_rule_component_plugs_in_like_the_built_in_ones():
    from pipeline.language import build_nlp

    nlp = build_nlp(("vnnews_dates", "vnnews_entities"))
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": "MISC", "pattern": [{"TEXT": "Covid-19"}]}])
    doc = nlp("Phòng chống dịch bệnh Covid-19 tại Thanh Hóa.")
    assert {(e.text, e.label_) for e in doc.ents} == {("Covid-19", "MISC"), ("Thanh Hóa", "LOC")}
