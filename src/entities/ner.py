"""Named-entity recognition with Stanza, on the project's own tokens.

Stanza receives pre-tokenised sentences (normalised with ``normalize.for_tagger``) and returns one
BIOES tag per token; spans are rebuilt from the tokens' own offsets, so they point into the caller's text
whatever the normalisation did.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ModelLoadError, ModelNotFoundError
from .normalize import for_tagger
from .tokenize import Sentence

#: Model file names inside a model directory of ours. ``pretrain.pt`` (Stanza's word vectors) is absent
#: when the vectors were put inside ``ner.pt`` by ``training/package_model.py``, as in the shipped model.
NER_FILE = "ner.pt"
PRETRAIN_FILE = "pretrain.pt"
#: Mark that ``training/package_model.py`` leaves in the tagger's config: the word vectors are inside.
VECTORS_INSIDE = "entities_vectors_inside"
#: Character language models, present when the tagger was trained with them (both or neither).
FORWARD_CHARLM_FILE = "forward_charlm.pt"
BACKWARD_CHARLM_FILE = "backward_charlm.pt"

_LABELS = {"PER": "PER", "PERS": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A name found by the tagger: sentence index, token range [first, last], label."""

    sentence: int
    first: int
    last: int
    label: str


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token ranges ``(first, last, label)`` from BIOES or BIO tags; stray I-/E- tags open a span."""
    spans: list[tuple[int, int, str]] = []
    open_at: int | None = None
    open_label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, raw = tag.partition("-")
        label = _LABELS.get(raw, "MISC") if raw else ""
        continues = prefix in {"I", "E"} and open_at is not None and label == open_label
        if open_at is not None and not continues:
            spans.append((open_at, i - 1, open_label))
            open_at = None
        if prefix in {"B", "S"} or (prefix in {"I", "E"} and not continues):
            open_at, open_label = i, label
        if prefix in {"S", "E"} and open_at is not None:
            spans.append((open_at, i, open_label))
            open_at = None
    return spans


class StanzaTagger:
    """Stanza's NER processor behind a small interface: sentences in, tagged spans out."""

    def __init__(self, model_dir: Path | None = None, *, stanza_dir: Path | None = None, batch_size: int = 64):
        """Load our model from ``model_dir``, or Stanza's official Arabic models from ``stanza_dir``.

        Neither path touches the network: Stanza is told not to download anything.
        """
        import stanza  # imported here: it pulls in torch, which costs a second

        logging.getLogger("stanza").setLevel(logging.ERROR)
        common = {
            "lang": "ar",
            "processors": "tokenize,ner",
            "tokenize_pretokenized": True,
            "download_method": None,
            "use_gpu": False,
            "ner_batch_size": batch_size,
            "logging_level": "ERROR",
        }
        try:
            with _without_training_optimizer():
                if stanza_dir is not None:
                    if not (stanza_dir / "resources.json").is_file():
                        raise ModelNotFoundError(
                            f"no Stanza resources in {stanza_dir}: download Stanza's Arabic models there "
                            f"(stanza.download('ar', model_dir=...)) on a machine with network access"
                        )
                    self.pipeline = stanza.Pipeline(dir=str(stanza_dir), **common)
                else:
                    assert model_dir is not None
                    check_model_dir(model_dir)
                    charlm = {
                        f"ner_{direction}_charlm_path": str(model_dir / name)
                        for direction, name in (("forward", FORWARD_CHARLM_FILE), ("backward", BACKWARD_CHARLM_FILE))
                        if (model_dir / name).is_file()
                    }
                    pretrain = model_dir / PRETRAIN_FILE
                    self.pipeline = stanza.Pipeline(
                        dir=str(model_dir),
                        resources_filepath=str(_empty_resources(model_dir)),
                        allow_unknown_language=True,
                        ner_model_path=str(model_dir / NER_FILE),
                        ner_pretrain_path=str(pretrain) if pretrain.is_file() else None,
                        **charlm,
                        **common,
                    )
                    if not pretrain.is_file() and not self._trainer.args.get(VECTORS_INSIDE):
                        raise ModelNotFoundError(
                            f"model directory {model_dir} lacks {PRETRAIN_FILE}: its {NER_FILE} does not hold "
                            f"the word vectors (put them in with training/package_model.py)"
                        )
                vocab = self._trainer.vocab["word"]
        except ModelNotFoundError:
            raise
        except Exception as exc:  # Stanza raises many kinds; the user needs one message
            where = stanza_dir or model_dir
            raise ModelLoadError(f"could not load the NER model from {where}: {exc}") from exc
        self._vocab = vocab

    @property
    def _trainer(self) -> Any:
        """Stanza's NER trainer inside the pipeline: the tagger's config and vocabularies."""
        return self.pipeline.processors["ner"].trainers[0]

    def word_rank(self, word: str) -> int | None:
        """Frequency rank of a word in the model's word vectors (lower is more frequent), None if absent."""
        if self._vocab is None or word not in self._vocab:
            return None
        return int(self._vocab.unit2id(word))

    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]:
        """Tag many sentences in one Stanza call (Stanza batches them internally)."""
        batch = [[for_tagger(t.text) for t in s.tokens] for s in sentences if s.tokens]
        if not batch:
            return []
        tagged = self.pipeline(batch)
        index = [i for i, s in enumerate(sentences) if s.tokens]
        found: list[TaggedSpan] = []
        for position, sentence in zip(index, tagged.sentences, strict=True):
            tags = [token.ner for token in sentence.tokens]
            found += [TaggedSpan(position, a, b, label) for a, b, label in spans_from_tags(tags)]
        return found


_OPTIMIZER_SWAP = threading.Lock()


@contextmanager
def _without_training_optimizer() -> Iterator[None]:
    """Keep Stanza from building an SGD optimizer while it loads a tagger for inference.

    Stanza's NER trainer makes an optimizer even when it only tags, and torch imports ``torch._dynamo``
    the first time any optimizer is made: 1.7 s of a 2.6 s model load on our CPUs, for an object that is
    never used. The swap lasts only while the pipeline is built, and loads in several threads take
    turns, so each puts back the real function; with a Stanza that no longer has the hook, loading simply
    takes longer.
    """
    from stanza.models.common import utils

    with _OPTIMIZER_SWAP:
        original = getattr(utils, "get_optimizer", None)
        if original is None:
            yield
            return
        utils.get_optimizer = lambda *args, **kwargs: None
        try:
            yield
        finally:
            utils.get_optimizer = original


def check_model_dir(model_dir: Path) -> None:
    """Raise ModelNotFoundError naming what is missing from a model directory."""
    if not model_dir.is_dir():
        raise ModelNotFoundError(
            f"model directory {model_dir} does not exist: pass the folder that holds {NER_FILE} (and "
            f"{PRETRAIN_FILE}, unless the vectors are inside), or leave model unset to use the model shipped "
            f"with entities"
        )
    missing = [NER_FILE] if not (model_dir / NER_FILE).is_file() else []
    charlms = [name for name in (FORWARD_CHARLM_FILE, BACKWARD_CHARLM_FILE) if (model_dir / name).is_file()]
    if len(charlms) == 1:
        missing.append(BACKWARD_CHARLM_FILE if charlms[0] == FORWARD_CHARLM_FILE else FORWARD_CHARLM_FILE)
    if missing:
        raise ModelNotFoundError(
            f"model directory {model_dir} lacks {', '.join(missing)}: it must hold the files written by "
            f"training/train_ner.py"
        )


def _empty_resources(model_dir: Path) -> Path:
    """Stanza insists on a resources.json; ours is empty so it never looks anything up."""
    path = model_dir / "resources.json"
    if path.is_file():
        return path
    fallback = Path(os.environ.get("TMPDIR", "/tmp")) / "entities-empty-resources.json"
    fallback.write_text(json.dumps({}), "utf-8")
    return fallback
