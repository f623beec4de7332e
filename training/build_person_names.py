"""Build the model's list of known persons' full names (``person_names.txt``, read by ``entities.known_names``).

    python training/build_person_names.py --json work/ner-data/train.json \
        --conll ../shared/data/aqmar/train.txt --conll work/wikifane.txt --out models/ar-ner/person_names.txt

Reads persons' names from the training data only: ANERcorp's training carve as ``prepare_ner_data.py``
writes it (Stanza's JSON; never the dev carve, which scores the pipeline), and any ``token TAG`` files
(AQMAR's training part; WikiFANE as ``prepare_wikifane.py`` writes it). It keeps each name of two words or
more, folded as the pipeline compares words (``normalize.fold``), whose words are all letters and whose
first word is no title or describing word («الملك فهد», «الشيخ أحمد», «الرئيس روزفلت»: WikiFANE takes
titles into names, ANERcorp leaves them out), takes off a proclitic that ANERcorp's tokens keep on the
first word («لباراك أوباما»), and writes them sorted, one a line. The names come from
corpora under CC BY-SA (ANERcorp 4.0, AQMAR and WikiFANE 3.0): the model card says so.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from entities import evaluation
from entities.ner import spans_from_tags
from entities.normalize import fold
from entities.patterns import default_words

#: Titles WikiFANE writes inside persons' names that ``before_person`` does not list.
EXTRA_TITLES = frozenset(fold(w) for w in ("الخديوي", "النبي", "للنبي", "الإمام", "الملكة", "البابا", "القديس"))


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    for sentence in evaluation.read_conll(path):
        yield [word for word, _ in sentence], [tag for _, tag in sentence]


def read_json(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    for sentence in json.loads(path.read_text("utf-8")):
        yield [t["text"] for t in sentence], [t["ner"] for t in sentence]


def person_names(sentences: Iterable[tuple[list[str], list[str]]]) -> set[str]:
    """The folded persons' names of two words or more in ``sentences``, titles and non-words left out."""
    lexicon = default_words()
    titles = {fold(w) for w in lexicon.before_person} | lexicon.personal_titles | EXTRA_TITLES
    found: set[str] = set()
    for words, tags in sentences:
        for first, last, label in spans_from_tags(tags):
            folded = [fold(w) for w in words[first : last + 1]]
            if label == "PER" and len(folded) > 1 and folded[0] not in titles and all(map(str.isalpha, folded)):
                found.add(" ".join(folded))
    return found


def without_proclitics(names: set[str]) -> set[str]:
    """``names`` with a proclitic that ANERcorp's tokens keep taken off each first word whose rest begins
    another name: «وعبد العزيز المقالح», «لباراك اوباما» → «باراك اوباما». «ل» and «ب» only before a rest of
    four letters or more, and «ف» never: «فريد», «ليو», «بشير» are names of their own."""
    firsts = {name.split()[0] for name in names}
    bare: set[str] = set()
    for name in names:
        first, _, rest = name.partition(" ")
        if (first[:1] == "و" and first[1:] in firsts) or (first[:1] in "لب" and len(first) > 4 and first[1:] in firsts):
            first = first[1:]
        bare.add(f"{first} {rest}")
    return bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, action="append", default=[], help="Stanza JSON (the training carve)")
    parser.add_argument("--conll", type=Path, action="append", default=[], help="a `token TAG` file")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if not args.json and not args.conll:
        parser.error("give at least one --json or --conll file")
    names: set[str] = set()
    for path in args.json:
        names |= person_names(read_json(path))
    for path in args.conll:
        names |= person_names(read_conll(path))
    names = without_proclitics(names)
    args.out.write_text("".join(f"{name}\n" for name in sorted(names)), "utf-8")
    print(f"{len(names)} names -> {args.out}")


if __name__ == "__main__":
    main()
