"""Train Arabic word vectors and write them in Stanza's pretrain format.

    python training/train_vectors.py --news ../shared/data/saudinewsnet --conll ../shared/data/anercorp/train.txt \
        --out work/vectors

Text is tokenised and normalised exactly as the library does at inference time, so every word the tagger
sees is looked up in the same form it was trained in. Writes ``vectors.txt`` (word2vec text format) and
``pretrain.pt`` (Stanza). Needs gensim (``pip install -e .[train]``).
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from entities.normalize import for_tagger
from entities.tokenize import split_sentences

if TYPE_CHECKING:
    from gensim.models import FastText, Word2Vec


def news_texts(folder: Path) -> Iterator[str]:
    for archive in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                for article in json.loads(zf.read(name)):
                    yield f"{article.get('title', '')}\n{article.get('content', '')}"


def news_sentences(folder: Path) -> Iterator[list[str]]:
    for text in news_texts(folder):
        for sentence in split_sentences(text):
            yield [for_tagger(t.text) for t in sentence.tokens]


def conll_sentences(path: Path) -> Iterator[list[str]]:
    words: list[str] = []
    for line in path.read_text("utf-8-sig").splitlines():
        if line.split():
            words.append(for_tagger(line.split()[0]))
        elif words:
            yield words
            words = []
    if words:
        yield words


def words_not_in(known: set[str], paths: list[Path]) -> list[str]:
    """The words of the token files ``paths`` missing from ``known``, each once, in order of appearance."""
    found: list[str] = []
    seen = set(known)
    for path in paths:
        for sentence in conll_sentences(path):
            for word in sentence:
                if word not in seen:
                    seen.add(word)
                    found.append(word)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, required=True, help="folder of SaudiNewsNet *.zip")
    parser.add_argument("--conll", type=Path, nargs="*", default=[], help="annotated corpora, text only")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--max-vocab", type=int, default=60000, help="words kept in the pretrain file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--float16",
        action="store_true",
        help="store the vectors as 16-bit floats: half the file, the tagger widens them to 32 bits on load",
    )
    parser.add_argument(
        "--fasttext",
        action="store_true",
        help="train fastText (skip-gram with character n-grams) instead of word2vec, so unseen words get a vector",
    )
    parser.add_argument("--bucket", type=int, default=100000, help="fastText: rows of the hashed n-gram table")
    parser.add_argument(
        "--vocab-from",
        type=Path,
        nargs="*",
        default=[],
        help="fastText: token files (CoNLL) whose every word gets a vector, from its n-grams if unseen",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="do not train: export the word2vec.model (fasttext.model) in --out again (another --max-vocab, ...)",
    )
    args = parser.parse_args()
    from gensim.models import FastText, Word2Vec  # here, so that the news readers above need no gensim

    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / ("fasttext.model" if args.fasttext else "word2vec.model")
    if args.reuse:
        model = (FastText if args.fasttext else Word2Vec).load(str(saved))
        export_pretrain(model, args.out, args.max_vocab, args.float16, args.vocab_from)
        return

    began = time.time()
    corpus = list(news_sentences(args.news))
    for path in args.conll:
        corpus += list(conll_sentences(path))
    words = sum(len(s) for s in corpus)
    print(f"{len(corpus)} sentences, {words} tokens tokenised in {time.time() - began:.0f}s", flush=True)

    kind = FastText if args.fasttext else Word2Vec
    extra = {"bucket": args.bucket, "min_n": 3, "max_n": 6} if args.fasttext else {}
    model = kind(
        corpus,
        **extra,
        vector_size=args.dim,
        window=5,
        min_count=args.min_count,
        sg=1,
        negative=5,
        epochs=args.epochs,
        workers=args.workers,
        seed=1,
    )
    print(f"trained in {time.time() - began:.0f}s; vocabulary {len(model.wv)}", flush=True)
    model.save(str(saved))
    export_pretrain(model, args.out, args.max_vocab, args.float16, args.vocab_from)


def export_pretrain(
    model: Word2Vec | FastText, out: Path, max_vocab: int, float16: bool, vocab_from: list[Path]
) -> None:
    """Write the ``max_vocab`` most frequent words as ``vectors.txt`` and Stanza's ``pretrain.pt``.

    For a fastText model, the words of ``vocab_from`` follow (their vectors built from n-grams where the
    corpus lacks them, as the library does for unseen words when it tags), and the n-gram table is written
    as ``subwords.pt``: the training and the tagging then give every word a vector the same way.
    """
    import torch
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    from entities.subwords import SUBWORDS_FILE, SubwordVectors

    text_path = out / "vectors.txt"
    keep = list(model.wv.index_to_key[:max_vocab])  # most frequent first
    corpus_words = len(keep)
    if hasattr(model.wv, "vectors_ngrams"):
        keep += words_not_in(set(keep), vocab_from)
        table = model.wv.vectors_ngrams
        SubwordVectors(table, model.wv.min_n, model.wv.max_n, corpus_words).save(out / SUBWORDS_FILE)
        print(f"{SUBWORDS_FILE}: {table.shape[0]} n-gram rows; {len(keep) - corpus_words} words added from files")
    with text_path.open("w", encoding="utf-8") as handle:
        handle.write(f"{len(keep)} {model.wv.vector_size}\n")
        for word in keep:
            values = " ".join(f"{v:.5f}" for v in model.wv[word])
            handle.write(f"{word} {values}\n")

    pretrain_path = out / "pretrain.pt"
    pretrain_path.unlink(missing_ok=True)  # Stanza would load the old one instead of reading the text
    # Stanza's max_vocab counts its reserved ids (padding, unknown, ...) as words
    pretrain = Pretrain(str(pretrain_path), str(text_path), max_vocab=len(keep) + VOCAB_PREFIX_SIZE)
    pretrain.load()
    if float16:  # Stanza copies the matrix into its float32 embedding, so only the file changes
        data = torch.load(pretrain_path, weights_only=True)
        data["emb"] = torch.as_tensor(data["emb"]).half()
        torch.save(data, pretrain_path, _use_new_zipfile_serialization=False)
    print(
        f"pretrain written: {pretrain_path} ({len(pretrain.vocab)} words, {pretrain_path.stat().st_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
