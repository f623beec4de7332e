"""Score an ensemble of trained taggers: their CRF scores averaged, then one Viterbi decode.

    python training/eval_ensemble.py work/models/e2f work/models/e2s2f --conll work/ner-data/dev.txt \
        ../shared/data/aqmar/dev.txt

Each tagger scores every sentence (emission scores and tag-transition scores, from Stanza's own model);
the scores are averaged, tagger by tagger with optional ``--weights``, and decoded once. A CRF's
best path maximises the sum of these scores, so the average picks the path with the highest geometric
mean of the taggers' probabilities. The taggers must share one tag set. This measured ensembling as a
lever for the shipped model (see models/ar-ner/README.md); the library itself runs a single tagger.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import torch
from stanza.models.common import doc as stanza_doc
from stanza.models.common.crf import viterbi_decode
from stanza.models.common.utils import unsort
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
from stanza.models.ner.data import DataLoader
from stanza.models.ner.trainer import fix_singleton_tags, unpack_batch

from entities.evaluation import evaluate_ner
from entities.ner import StanzaTagger, TaggedSpan, spans_from_tags
from entities.normalize import for_tagger
from entities.pipeline import Pipeline
from entities.tokenize import Sentence


class EnsembleTagger:
    """Several Stanza taggers decoded as one (the library's ``Tagger`` protocol)."""

    def __init__(self, model_dirs: Sequence[Path], weights: Sequence[float] | None = None):
        self.taggers = [StanzaTagger(path) for path in model_dirs]
        self.weights = list(weights) if weights else [1.0 / len(self.taggers)] * len(self.taggers)
        if len(self.weights) != len(self.taggers):
            raise SystemExit(f"{len(self.taggers)} models but {len(self.weights)} weights")
        tags = [t._trainer.vocab["tag"]._id2unit for t in self.taggers]
        if any(each != tags[0] for each in tags):
            raise SystemExit("the models were trained with different tag sets")

    def word_rank(self, word: str) -> int | None:
        return self.taggers[0].word_rank(word)

    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]:
        index = [i for i, s in enumerate(sentences) if s.tokens]
        words = [[for_tagger(t.text) for t in sentences[i].tokens] for i in index]
        if not words:
            return []
        with ExitStack() as held:
            for tagger in self.taggers:  # unseen words get their n-gram vectors, as in StanzaTagger.tag
                held.enter_context(tagger.unseen_words(words))
            decoded = self._decode(words)
        found: list[TaggedSpan] = []
        for position, tags in zip(index, decoded, strict=True):
            found += [TaggedSpan(position, a, b, label) for a, b, label in spans_from_tags(tags)]
        return found

    def _decode(self, words: list[list[str]]) -> list[list[str]]:
        """Each sentence's tags: the taggers' CRF scores averaged, then one Viterbi decode."""
        document = stanza_doc.Document([[{"id": j + 1, "text": w} for j, w in enumerate(s)] for s in words])
        loaders = []
        for tagger in self.taggers:
            config = tagger.pipeline.processors["ner"].configs[0]
            trainer = tagger._trainer
            loaders.append(
                DataLoader(
                    document, config["batch_size"], config, vocab=trainer.vocab, evaluation=True, preprocess_tags=False
                )
            )
        tag_vocab = self.taggers[0]._trainer.vocab["tag"]
        decoded: list[list[str]] = []
        with torch.no_grad():
            for batches in zip(*loaders, strict=True):
                emissions: np.ndarray | None = None
                transitions: np.ndarray | None = None
                order = None
                for tagger, batch, weight in zip(self.taggers, batches, self.weights, strict=True):
                    inputs, orig_idx, word_idx, char_idx, lengths, wordlens, charlens, charoffsets = unpack_batch(
                        batch, "cpu"
                    )
                    word, wordchars, wordchars_mask, chars, tags = inputs
                    model = tagger._trainer.model
                    model.eval()
                    _, logits, trans = model(
                        word, wordchars, wordchars_mask, tags, word_idx, lengths, wordlens, chars, charoffsets,
                        charlens, char_idx,
                    )  # fmt: skip
                    e, t = logits[0].numpy() * weight, trans[0].numpy() * weight
                    emissions = e if emissions is None else emissions + e
                    transitions = t if transitions is None else transitions + t
                    if order is None:
                        order = list(orig_idx)
                    elif order != list(orig_idx):
                        raise AssertionError("the taggers' batches are sorted differently")
                assert emissions is not None and transitions is not None and order is not None
                batch_tags = []
                for i in range(emissions.shape[0]):
                    ids = viterbi_decode(emissions[i, : lengths[i]], transitions)[0]
                    ids = [max(x, VOCAB_PREFIX_SIZE) for x in ids]  # never a padding tag
                    unmapped = tag_vocab.unmap([(x,) for x in ids])
                    batch_tags.append(
                        fix_singleton_tags([x[0] if isinstance(x, list | tuple) else x for x in unmapped])
                    )
                decoded += unsort(batch_tags, order)
        return decoded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", type=Path, nargs="+", help="model folders (ner.pt, pretrain.pt if separate)")
    parser.add_argument("--conll", type=Path, nargs="+", required=True, help="`token TAG` files to score")
    parser.add_argument("--weights", type=float, nargs="*", help="one per model; equal by default")
    args = parser.parse_args()
    pipeline = Pipeline(EnsembleTagger(args.models, args.weights))
    for path in args.conll:
        print(f"== {path} (tagger only)")
        print(evaluate_ner(pipeline, path, tagger_only=True).table())


if __name__ == "__main__":
    main()
