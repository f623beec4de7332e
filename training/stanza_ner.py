"""Stanza's NER trainer, with a floor on how often a word must occur to get a trained correction.

    python training/stanza_ner.py --delta-min-count 3 --mode train --train_file … (other Stanza arguments)

``train_ner.py --min-word-count N`` runs this instead of ``python -m stanza.models.ner_tagger``. Stanza
trains a correction to the word vector of every word in the training file: its ``ner/data.py`` builds
that vocabulary with ``cutoff=1``, fixed in the code. A word seen once learns its one context there
(ANERcorp's only «بيونغ يانغ» is inside a university's name, and taggers then read the city as an
organisation). With a floor, rarer words get no correction of their own: a word with a vector reads it
unchanged, one without shares the correction of unknown words. Everything else is Stanza's trainer as is.
"""

from __future__ import annotations

import argparse
from typing import Any


def with_delta_min_count(count: int) -> None:
    """Make Stanza's NER data loader keep trained corrections only for words seen ``count`` times or more."""
    from stanza.models.ner import data
    from stanza.models.pos.vocab import WordVocab

    if getattr(data, "WordVocab", None) is not WordVocab:  # a Stanza that builds the vocabulary elsewhere
        raise SystemExit("--delta-min-count: this Stanza's NER data loader has no WordVocab to floor; train without it")

    def delta_vocab(*args: Any, cutoff: int = 1, **kwargs: Any) -> WordVocab:
        return WordVocab(*args, cutoff=max(cutoff, count), **kwargs)

    data.WordVocab = delta_vocab  # the NER data loader builds only the corrections' vocabulary with it


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delta-min-count", type=int, required=True, help="occurrences a word needs")
    args, stanza_args = parser.parse_known_args(argv)
    if args.delta_min_count < 1:
        parser.error(f"--delta-min-count must be at least 1, not {args.delta_min_count}")
    with_delta_min_count(args.delta_min_count)
    from stanza.models import ner_tagger

    ner_tagger.main(stanza_args)


if __name__ == "__main__":
    main()
