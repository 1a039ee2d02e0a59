"""Named-entity quality: vnnews against underthesea's bundled CRF NER, on the project's gold set.

Usage:  python benchmarks/eval_ner.py [--gold FILE [--gold FILE ...]] [--errors 20]

Without --gold it scores two sets: the project's news gold (benchmarks/gold/ner, which the rules
were developed on) and the independent Vietnamese Wikipedia test set (benchmarks/gold/ner_wiki
test_a + test_b + test_c, annotated after the rules were written and never used to tune them). Several
--gold files are scored together as one set.

Span-level exact-match precision/recall/F1 per label (PER, ORG, LOC, MISC), micro-F1 over
PER/ORG/LOC, and "ORG-or-LOC" (ORG and LOC merged into one label: conventions differ on whether
"Mỹ" acting as a government or "Tân Sơn Nhất" is an organisation or a place), for both systems on the same sentences in the same run, plus the time per
sentence of each and of underthesea's word segmentation alone (the floor both share).
"vnnews" reads each source's sentences as one article (mention resolution needs the article);
"vnnews-sentence" reads every sentence alone, as underthesea does; "vnnews-no-crf" is "vnnews"
without underthesea's CRF as a signal, to show what that signal adds; "vnnews+model" switches on
the opt-in statistical model in models/ner (trained on the news gold set, so on that set its
score is not held out).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "benchmarks" / "gold" / "ner" / "sentences.jsonl"
WIKI_TEST = tuple(ROOT / "benchmarks" / "gold" / "ner_wiki" / f"test_{part}.jsonl" for part in "abc")
DEFAULT_SETS = {"news gold (rules developed on it)": (DEFAULT_GOLD,),
                "independent Wikipedia test": WIKI_TEST}
LABELS = ("PER", "ORG", "LOC", "MISC")
CORE = ("PER", "ORG", "LOC")
ORG_OR_LOC = "ORG-or-LOC"

Span = tuple[int, int, str]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict]:
    """Gold sentences: {"id", "text", "published_at", "entities": [{"start","end","label","text"}]}."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def vnnews_spans(sentence: dict) -> list[Span]:
    """vnnews on one sentence alone (no article context)."""
    from pipeline import analyze_text

    article = analyze_text(sentence["text"], published_at=sentence.get("published_at"))
    assert article.text == sentence["text"], "gold text must be normalised like the pipeline's"
    return [(e.start, e.end, e.label) for e in article.entities]


def vnnews_in_context(gold: list[dict]) -> Callable[[dict], list[Span]]:
    """vnnews on each source's sentences joined as one article (as the pipeline reads a page),
    so that mentions resolved within an article ("Liên hiệp hội") count; spans are mapped back."""
    from pipeline import analyze_text

    by_sentence: dict[str, list[Span]] = {}

    def run_all() -> None:  # lazily, so that score() times the work
        sources: dict[str, list[dict]] = {}
        for sentence in gold:
            sources.setdefault(sentence["source"], []).append(sentence)
        for sentences in sources.values():
            _run_source(sentences)

    def _run_source(sentences: list[dict]) -> None:
        text, starts = "", []
        for sentence in sentences:
            starts.append(len(text))
            text += sentence["text"] + "\n\n"
        article = analyze_text(text, published_at=sentences[0].get("published_at"))
        for sentence, offset in zip(sentences, starts):
            end = offset + len(sentence["text"])
            by_sentence[sentence["id"]] = [(e.start - offset, e.end - offset, e.label) for e in article.entities
                                           if offset <= e.start and e.end <= end]

    def predict(sentence: dict) -> list[Span]:
        if not by_sentence:
            run_all()
        return by_sentence[sentence["id"]]

    return predict


def configured(predict: Callable[[dict], list[Span]], **settings: bool) -> Callable[[dict], list[Span]]:
    """The same predictor with the entity component's settings (use_crf, use_model) changed while it runs."""
    from pipeline.language import get_nlp

    def run(sentence: dict) -> list[Span]:
        component = get_nlp().get_pipe("vnnews_entities")
        before = {name: getattr(component, name) for name in settings}
        for name, value in settings.items():
            setattr(component, name, value)
        try:
            return predict(sentence)
        finally:
            for name, value in before.items():
                setattr(component, name, value)

    return run


def underthesea_spans(sentence: dict) -> list[Span]:
    """underthesea.ner's BIO tags turned into character spans of the sentence."""
    from underthesea import ner

    from pipeline.entities.crf import spans
    from pipeline.text.tokenizer import _align

    text = sentence["text"]
    rows = ner(text)
    return spans(_align([row[0] for row in rows], text, 0), [row[3] for row in rows])


def _merge_org_loc(spans) -> Counter:
    return Counter((s, e) for s, e, label in spans if label in ("ORG", "LOC"))


def score(gold: list[dict], predict: Callable[[dict], list[Span]]) -> tuple[dict[str, PRF], float, list]:
    """Per-label counts (plus "ORG-or-LOC"), seconds per sentence, and the (sentence, missed, spurious) errors."""
    counts = {label: PRF() for label in LABELS + (ORG_OR_LOC,)}
    errors = []
    start = time.perf_counter()
    predictions = [predict(s) for s in gold]
    per_sentence = (time.perf_counter() - start) / len(gold)
    for sentence, predicted in zip(gold, predictions):
        want = Counter((e["start"], e["end"], e["label"]) for e in sentence["entities"])
        got = Counter(predicted)
        for label in LABELS:
            w = Counter({k: v for k, v in want.items() if k[2] == label})
            g = Counter({k: v for k, v in got.items() if k[2] == label})
            tp = sum((w & g).values())
            counts[label].tp += tp
            counts[label].fp += sum(g.values()) - tp
            counts[label].fn += sum(w.values()) - tp
        w, g = _merge_org_loc(want.elements()), _merge_org_loc(got.elements())
        tp = sum((w & g).values())
        counts[ORG_OR_LOC].tp += tp
        counts[ORG_OR_LOC].fp += sum(g.values()) - tp
        counts[ORG_OR_LOC].fn += sum(w.values()) - tp
        if want != got:
            text = sentence["text"]
            errors.append((sentence["id"], [(text[s:e], lab) for s, e, lab in want - got],
                           [(text[s:e], lab) for s, e, lab in got - want]))
    return counts, per_sentence, errors


def micro(counts: dict[str, PRF], labels: tuple[str, ...] = CORE) -> PRF:
    total = PRF()
    for label in labels:
        total.tp += counts[label].tp
        total.fp += counts[label].fp
        total.fn += counts[label].fn
    return total


def segmentation_seconds(gold: list[dict]) -> float:
    from underthesea import word_tokenize

    start = time.perf_counter()
    for sentence in gold:
        word_tokenize(sentence["text"])
    return (time.perf_counter() - start) / len(gold)


def evaluate(*gold_paths: Path) -> dict:
    """Scores and timings of every system on the gold sentences (the files together, default: the news gold)."""
    gold = [sentence for path in (gold_paths or (DEFAULT_GOLD,)) for sentence in load_gold(path)]
    vnnews_spans(gold[0]), underthesea_spans(gold[0])  # warm-up: model loading is not per-sentence cost
    report: dict = {"sentences": len(gold), "systems": {}}
    systems = (("vnnews", vnnews_in_context(gold)), ("vnnews-sentence", vnnews_spans),
               ("vnnews-no-crf", configured(vnnews_in_context(gold), use_crf=False)),
               ("vnnews+model", configured(vnnews_in_context(gold), use_model=True)),
               ("underthesea", underthesea_spans))
    for name, fn in systems:
        counts, seconds, errors = score(gold, fn)
        report["systems"][name] = {
            "labels": {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "gold": v.tp + v.fn}
                       for k, v in counts.items()},
            "micro_f1_per_org_loc": micro(counts).f1,
            "ms_per_sentence": seconds * 1000,
            "errors": errors,
        }
    report["word_tokenize_ms_per_sentence"] = segmentation_seconds(gold) * 1000
    return report


def _print(report: dict, show_errors: int) -> None:
    print(f"{report['sentences']} gold sentences")
    print(f"{'system':<15} {'micro PER/ORG/LOC':>18} " + " ".join(f"{label:>16}" for label in LABELS + (ORG_OR_LOC,))
          + f" {'ms/sent':>8}")
    for name, r in report["systems"].items():
        cells = " ".join(f"P{v['precision']:.2f} R{v['recall']:.2f} F{v['f1']:.2f}" for v in r["labels"].values())
        print(f"{name:<15} {r['micro_f1_per_org_loc']:>18.3f} {cells} {r['ms_per_sentence']:>8.1f}")
    v, u = report["systems"]["vnnews-sentence"], report["systems"]["underthesea"]
    print(f"micro-F1 gain over underthesea, sentence by sentence: "
          f"{v['micro_f1_per_org_loc'] - u['micro_f1_per_org_loc']:+.3f}")
    print(f"word_tokenize alone: {report['word_tokenize_ms_per_sentence']:.1f} ms/sentence; vnnews full analysis "
          f"(segmentation, POS, dates, entities, facts) {v['ms_per_sentence']:.1f} ms/sentence, i.e. "
          f"{v['ms_per_sentence'] - report['word_tokenize_ms_per_sentence']:+.1f} ms on top of segmentation "
          f"(budget +10 ms); underthesea's ner {u['ms_per_sentence']:.1f} ms/sentence")
    for sid, missed, spurious in report["systems"]["vnnews"]["errors"][:show_errors]:
        print(f"  {sid}: missed {missed} spurious {spurious}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help="a gold JSONL file (repeat to score several as one set)")
    parser.add_argument("--errors", type=int, default=0, help="print this many vnnews error sentences")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sets = {", ".join(str(p) for p in args.gold): tuple(args.gold)} if args.gold else DEFAULT_SETS
    reports = {}
    for name, paths in sets.items():
        print(f"== {name}")
        reports[name] = evaluate(*paths)
        _print(reports[name], args.errors)
        print()
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
