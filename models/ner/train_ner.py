"""Train the statistical entity model shipped in models/ner/model, and cross-validate the hybrid.

Usage:
    python models/ner/train_ner.py --cv 5     # k-fold: rules alone vs rules + model on held-out folds
    python models/ner/train_ner.py --save     # train on all gold sentences, write models/ner/model

Data: the project's own annotation, benchmarks/gold/ner/sentences.jsonl (real sentences of
MIT-licensed news pages and the seed article, annotated by the vnnews developers): its
licence allows shipping a model trained on it. No other data is used.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

GOLD = ROOT / "benchmarks" / "gold" / "ner" / "sentences.jsonl"
OUT = Path(__file__).resolve().parent / "model"
LABELS = ("PER", "ORG", "LOC", "MISC")


def load() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def examples(nlp, sentences: list[dict]):
    """spaCy Examples on syllable tokens; entities not on syllable boundaries are counted and skipped."""
    from spacy.training import Example, iob_to_biluo

    from pipeline.entities.model import model_doc

    out, skipped = [], 0
    for sentence in sentences:
        doc, spans = model_doc(nlp, sentence["text"])
        starts = {s: i for i, (s, _) in enumerate(spans)}
        ends = {e: i for i, (_, e) in enumerate(spans)}
        ents = []
        for ent in sentence["entities"]:
            if ent["start"] in starts and ent["end"] in ends:
                ents.append((starts[ent["start"]], ends[ent["end"]] + 1, ent["label"]))
            else:
                skipped += 1
        words = [t.text for t in doc]
        tags = ["O"] * len(words)
        for start, end, label in ents:
            tags[start] = f"B-{label}"
            for k in range(start + 1, end):
                tags[k] = f"I-{label}"
        out.append(Example.from_dict(doc, {"words": words, "entities": iob_to_biluo(tags)}))
    return out, skipped


def train(sentences: list[dict], epochs: int = 30, seed: int = 0):
    """A small CNN NER (spaCy's default tok2vec: norm, prefix, suffix and shape features)."""
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("xx")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    train_examples, skipped = examples(nlp, sentences)
    optimizer = nlp.initialize(lambda: train_examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(train_examples)
        for batch in minibatch(train_examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer)
    return nlp, skipped


def _score(gold: list[dict], predicted: list[list[tuple[int, int, str]]]) -> dict:
    from eval_ner import CORE, PRF

    counts = {label: PRF() for label in LABELS}
    for sentence, got in zip(gold, predicted):
        want = {(e["start"], e["end"], e["label"]) for e in sentence["entities"]}
        got_set = set(got)
        for label in LABELS:
            w = {x for x in want if x[2] == label}
            g = {x for x in got_set if x[2] == label}
            counts[label].tp += len(w & g)
            counts[label].fp += len(g - w)
            counts[label].fn += len(w - g)
    micro = PRF()
    for label in CORE:
        micro.tp += counts[label].tp
        micro.fp += counts[label].fp
        micro.fn += counts[label].fn
    return {"micro": micro.f1, **{label: counts[label].f1 for label in LABELS}}


def cross_validate(k: int) -> None:
    """Held-out folds: rules alone, the model alone, and the hybrid the pipeline ships."""
    from pipeline import analyze_text
    from pipeline.entities import model as ner_model

    gold = load()
    random.Random(13).shuffle(gold)
    folds = [gold[i::k] for i in range(k)]
    results = {"rules": [], "model": [], "hybrid": []}
    for i, test in enumerate(folds):
        train_set = [s for j, fold in enumerate(folds) if j != i for s in fold]
        nlp, _ = train(train_set)
        ner_model._load.cache_clear()
        preds = {"rules": [], "model": [], "hybrid": []}
        for sentence in test:
            model_spans = _predict_with(nlp, sentence["text"])
            preds["model"].append(model_spans)
            with _model_override(None):
                preds["rules"].append([(e.start, e.end, e.label) for e in analyze_text(sentence["text"]).entities])
            with _model_override(nlp):
                preds["hybrid"].append([(e.start, e.end, e.label) for e in analyze_text(sentence["text"]).entities])
        for name in results:
            results[name].append(_score(test, preds[name]))
        print(f"fold {i + 1}/{k}: " + ", ".join(f"{n} {results[n][-1]['micro']:.3f}" for n in results), flush=True)
    for name, rows in results.items():
        mean = {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
        print(f"{name:<7} micro PER/ORG/LOC {mean['micro']:.3f}  " + "  ".join(f"{l} {mean[l]:.3f}" for l in LABELS))


def _predict_with(nlp, text: str) -> list[tuple[int, int, str]]:
    from pipeline.entities.model import model_doc

    doc, spans = model_doc(nlp, text)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(spans[e.start][0], spans[e.end - 1][1], e.label_) for e in doc.ents]


class _model_override:
    """Make the pipeline use a given model (or none) while cross-validating."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __enter__(self) -> None:
        from pipeline.entities import model as ner_model
        from pipeline.language import get_nlp

        self.component = get_nlp().get_pipe("vnnews_entities")
        self.saved = ner_model._load, self.component.use_model
        ner_model._load = lambda: self.nlp  # type: ignore[assignment]
        self.component.use_model = self.nlp is not None  # the shipped pipeline has the model off

    def __exit__(self, *exc: object) -> None:
        from pipeline.entities import model as ner_model

        ner_model._load, self.component.use_model = self.saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation")
    parser.add_argument("--save", action="store_true", help="train on all gold sentences and save the model")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args(argv)
    if args.cv:
        cross_validate(args.cv)
    if args.save:
        nlp, skipped = train(load(), epochs=args.epochs)
        nlp.meta.update({"name": "vnnews_ner", "version": "0.1.0", "license": "MIT",
                         "description": "vnnews entity model trained on benchmarks/gold/ner (see CARD.md)"})
        nlp.to_disk(OUT)
        print(f"saved to {OUT} ({skipped} gold entities not on syllable boundaries were skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
