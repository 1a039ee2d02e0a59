"""underthesea's CRF NER run on our words: the same tags as underthesea's own code path."""

from __future__ import annotations

import pytest

from pipeline.entities import crf
from pipeline.text.tokenizer import tag_sentence

SENTENCES = [
    "Ông Putin ca ngợi những thành tựu vĩ đại của Liên Xô.",
    "Theo Reuters, Tập đoàn Vingroup vừa ký thỏa thuận với Nvidia tại Hà Nội ngày 5/3.",
    "Chủ tịch UBND tỉnh Thanh Hóa Đỗ Minh Tuấn làm việc với Bộ Công Thương, 123 doanh nghiệp.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_fast_features_give_underthesea_s_own_tags(sentence):
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor

    words = tag_sentence(sentence)
    expected = [row[3] for row in CRFNERPredictor.Instance().predict([(w, pos, "O") for w, pos in words])]
    assert crf.bio_tags(words) == expected


def test_bio_tags_become_character_spans():
    offsets = [(0, 3), (4, 9), (10, 13), (14, 16)]
    tags = ["B-PER", "I-PER", "O", "B-LOC"]
    assert crf.spans(offsets, tags) == [(0, 9, "PER"), (14, 16, "LOC")]
    assert crf.spans(offsets, ["I-ORG", "I-LOC", "O", "O"]) == [(0, 3, "ORG"), (4, 9, "LOC")]


def test_document_spans_tag_each_sentence_alone_and_only_where_asked():
    from pipeline.language import get_nlp
    from pipeline.text.tokenizer import SENTENCES_KEY, WORDS_KEY

    text = "Ông Putin ca ngợi Liên Xô. Giá vàng hôm nay tăng. Bà Merkel đến Berlin."
    doc = get_nlp().make_doc(text)
    words, starts = doc.user_data[WORDS_KEY], doc.user_data[SENTENCES_KEY]
    assert len(starts) == 3
    everything = crf.document_spans(text, words, starts)
    assert {"Putin", "Liên Xô"} <= {text[s:e] for s, e, _ in everything}
    third = text.index("Bà")
    only_last = crf.document_spans(text, words, starts, only_at=[text.index("Merkel")])
    assert only_last and all(s >= third for s, _, _ in only_last)
    assert crf.document_spans(text, words, starts, only_at=[]) == []


def test_an_empty_word_does_not_crash_the_featurizer():
    assert crf.bio_tags([("", "N"), ("Hà Nội", "Np")])[0] == "O"
