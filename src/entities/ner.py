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

import numpy as np

from .errors import ModelLoadError, ModelNotFoundError
from .known_names import NAMES_FILE, KnownNames
from .normalize import for_tagger
from .subwords import SUBWORDS_FILE, SubwordVectors
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
        #: persons' full names the model knows (``known_names``); none for Stanza's official models
        self.known_names: KnownNames | None = None
        if model_dir is not None and (model_dir / NAMES_FILE).is_file():
            try:
                self.known_names = KnownNames.load(model_dir / NAMES_FILE)
            except (OSError, UnicodeDecodeError) as exc:
                raise ModelLoadError(f"could not read {model_dir / NAMES_FILE}: {exc}") from exc
        self._subwords: _SubwordInput | None = None
        if model_dir is not None and (model_dir / SUBWORDS_FILE).is_file():
            try:
                vectors = SubwordVectors.load(model_dir / SUBWORDS_FILE)
            except Exception as exc:
                raise ModelLoadError(f"could not read {model_dir / SUBWORDS_FILE}: {exc}") from exc
            self._subwords = _SubwordInput(self._trainer.model, vectors)
        #: Ids from here on are words added after the corpus's own (see ``SubwordVectors.corpus_words``).
        self._added_from: int | None = None
        if self._subwords is not None and self._subwords.vectors.corpus_words is not None:
            from stanza.models.common.vocab import VOCAB_PREFIX_SIZE  # padding, unknown, ... come first

            self._added_from = self._subwords.vectors.corpus_words + VOCAB_PREFIX_SIZE

    @property
    def _trainer(self) -> Any:
        """Stanza's NER trainer inside the pipeline: the tagger's config and vocabularies."""
        return self.pipeline.processors["ner"].trainers[0]

    def word_rank(self, word: str) -> int | None:
        """Frequency rank of a word in the model's word vectors (lower is more frequent), None if absent."""
        if self._vocab is None or word not in self._vocab:
            return None
        rank = int(self._vocab.unit2id(word))
        return None if self._added_from is not None and rank >= self._added_from else rank

    @contextmanager
    def unseen_words(self, batch: Sequence[Sequence[str]]) -> Iterator[None]:
        """While open, the model reads ``batch``'s words outside its vocabulary through their n-gram vectors.

        Nothing to do for a model without ``subwords.pt``. The words' ids hold for one batch at a time, so
        the block holds the model's lock: run the model on ``batch`` inside it.
        """
        if self._subwords is None:
            yield
            return
        with self._subwords.lock:
            self._subwords.prepare(batch)
            yield

    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]:
        """Tag many sentences in one Stanza call (Stanza batches them internally)."""
        batch = [[for_tagger(t.text) for t in s.tokens] for s in sentences if s.tokens]
        if not batch:
            return []
        with self.unseen_words(batch):
            tagged = self.pipeline(batch)
        index = [i for i, s in enumerate(sentences) if s.tokens]
        found: list[TaggedSpan] = []
        for position, sentence in zip(index, tagged.sentences, strict=True):
            tags = [token.ner for token in sentence.tokens]
            found += [TaggedSpan(position, a, b, label) for a, b, label in spans_from_tags(tags)]
        return found


class _SubwordInput:
    """Gives the words a Stanza tagger has no vector for their n-gram vectors, batch by batch.

    Stanza maps every word outside its vocabulary to one shared id. Before each call, the words of the
    batch that the vocabulary lacks get ids past its end, and the tagger's embedding layer answers those ids
    with the words' n-gram vectors; the vocabulary and the trained weights are left as they were, so
    memory does not grow with the number of documents tagged.
    """

    def __init__(self, model: Any, vectors: SubwordVectors):
        import torch

        base = model.word_emb
        if vectors.dim != base.embedding_dim:
            raise ModelLoadError(
                f"{SUBWORDS_FILE} holds {vectors.dim}-dimensional vectors, the tagger {base.embedding_dim}: "
                f"they come from different trainings"
            )
        self.vectors = vectors
        self.lock = threading.Lock()
        self._vocab = model.vocab["word"]
        self._lower = bool(model.args.get("lowercase", True))
        self._ids: dict[str, int] = {}
        self._size = base.num_embeddings
        self._extra = torch.zeros(0, vectors.dim)
        original = model.extract_static_embeddings

        def extract(args: Any, sentences: Any, vocab: Any) -> Any:
            words, mask = original(args, sentences, vocab)
            if vocab is self._vocab and self._ids:
                for row, sentence in enumerate(sentences):
                    for column, word in enumerate(sentence):
                        extra = self._ids.get(word.lower() if self._lower else word)
                        if extra is not None:
                            words[row, column] = extra
            return words, mask

        model.extract_static_embeddings = extract
        model.word_emb = _extended_embedding(base, self)

    def prepare(self, batch: Sequence[Sequence[str]]) -> None:
        """Give this batch's unknown words their ids and vectors (those of the previous batch are dropped)."""
        import torch

        words = {w.lower() if self._lower else w for sentence in batch for w in sentence}
        unknown = sorted(w for w in words if w not in self._vocab)
        self._ids = {word: self._size + i for i, word in enumerate(unknown)}
        self._extra = (
            torch.from_numpy(np.stack([self.vectors.vector(w) for w in unknown]))
            if unknown
            else torch.zeros(0, self.vectors.dim)
        )


def _extended_embedding(base: Any, owner: _SubwordInput) -> Any:
    """An embedding layer that answers ids past ``base``'s end with ``owner``'s vectors for this batch."""
    import torch

    class ExtendedEmbedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            known = ids < owner._size
            found: torch.Tensor = self.base(torch.where(known, ids, torch.zeros_like(ids)))
            if not bool(known.all()):
                found[~known] = owner._extra[ids[~known] - owner._size].to(found.dtype)
            return found

    return ExtendedEmbedding()


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
