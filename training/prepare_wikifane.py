"""Convert the WikiFANE gold corpus into a `token TAG` file for ``prepare_ner_data.py --extra``.

    python training/prepare_wikifane.py /path/to/WikiFANE_Gold_2014_500K.txt --out work/wikifane.txt

WikiFANE Gold (Alotaibi & Lee, COLING 2014; CC BY-SA 3.0) is about 500,000 tokens of Arabic Wikipedia
annotated with 51 fine-grained types under ACE-like coarse classes. The file starts with a BOM, uses CRLF,
has one ``token<TAB>tag`` per line, a U+200E (left-to-right mark) before most word tokens, and a line that
is just a TAB (or empty) between sentences. Tags are IOB with fine types (``B-Nation``, ``I-Politician``).

What this script does, in order:

1. Reads the file: drops the BOM, CRLF and the LRM marks (``parse``).
2. Maps each fine type to PER/LOC/ORG/MISC, or to O, through ``FINE_TO_COARSE`` (``map_tags``).
   Two types become O on purpose, because ANERcorp (our train and dev corpus) leaves the same words
   untagged: ``Group`` (peoples, tribes, families, religious communities, and plain nouns such as
   «النقاد»; ANERcorp has «العرب» O 77 times, «المسلمين» O 28, «اليهود» O 8) and ``Celestial``
   (its most frequent members are «الارض», «الشمس», «القمر», which ANERcorp tags O 30, 52 and 35 times).
3. Re-attaches the clitics that WikiFANE's segmenter split off (``merge_clitics``), so that the text looks
   like ordinary Arabic, as ANERcorp and the tagger's input do: «و تعتبر» → «وتعتبر», «عاصمة ها» →
   «عاصمتها», «ل الدولة» → «للدولة», «على ه» → «عليه», «بنى ها» → «بناها». The rules are the sets and
   functions below; the merged token takes the tag of its content word (a proclitic's ``B-X`` before an
   ``I-X`` content word makes the merged token ``B-X``).
4. Repairs the IOB2 sequence: an ``I-X`` that does not continue an X entity becomes ``B-X``.

Left as they are: WikiFANE normalises alef (أ إ آ → ا) and partly alef maqsura, and this script does not try
to undo that, so its words are spelled «اوروبا», «الاسلام» where ANERcorp has «أوروبا», «الإسلام». Some
other segmentation artefacts of the corpus stay too («Fr d ric», «5 ، 0 ، 0»).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

Sentence = list[tuple[str, str]]

# Fine type -> coarse label ("O" drops the entity). Grouped by the paper's coarse classes.
FINE_TO_COARSE: dict[str, str] = {
    # Person (WikiFANE refines ACE's PER by occupation; Police also holds military and aviators)
    "Artist": "PER",
    "Athlete": "PER",
    "Businessperson": "PER",
    "Engineer": "PER",
    "Lawyer": "PER",
    "Other_PER": "PER",
    "Police": "PER",
    "Politician": "PER",
    "Religious_PER": "PER",
    "Scientist": "PER",
    # Groups of people: «المسلمين», «العرب», «الرومان», «القرامطة», «ال الصباح», «النقاد». ANERcorp: O.
    "Group": "O",
    # Geo-political entities: our ANERcorp convention labels countries and cities LOC
    "Continent": "LOC",
    "County-or-District": "LOC",
    "GPE-Cluster": "LOC",
    "Nation": "LOC",
    "Population-Center": "LOC",
    "State-or-Province": "LOC",
    # Location
    "Land-Region-Natural": "LOC",
    "Water-Body": "LOC",  # seas, rivers, and islands («صقلية»)
    "Celestial": "O",  # «الزهرة», «الارض», «الشمس», «القمر»: ANERcorp tags the sun, earth and moon O
    # Facility
    "Airport": "LOC",
    "Building-Grounds": "LOC",
    "Path": "LOC",  # streets, bridges, canals, straits
    "Plant": "LOC",  # factories and refineries
    "Subarea-Facility": "LOC",
    # Organisation
    "Commercial": "ORG",
    "Educational": "ORG",
    "Entertainment": "ORG",
    "Government": "ORG",  # ministries, armies, «الموساد», «مصر للطيران»
    "Media": "ORG",
    "Medical-Science": "ORG",
    "Non-Governmental": "ORG",
    "Religious_ORG": "ORG",
    "Sports": "ORG",
    # Vehicle
    "Air": "MISC",
    "Land": "MISC",
    "Water": "MISC",  # ships («كوين ماري 2»), not water bodies
    # Weapon
    "Blunt": "MISC",
    "Chemical": "MISC",
    "Exploding": "MISC",
    "Nuclear": "MISC",
    "Projectile": "MISC",
    "Sharp": "MISC",
    "Shooting": "MISC",
    # Product
    "Book": "MISC",  # books, scriptures, treaties
    "Drug": "MISC",
    "Food": "MISC",
    "Hardware": "MISC",
    "Movie": "MISC",
    "Software": "MISC",
    "Sound": "MISC",  # songs and albums
}

# Marks removed from tokens: left-to-right and right-to-left marks, and a BOM inside the text.
INVISIBLE = str.maketrans("", "", "\u200e\u200f\ufeff")

# Split-off prefixes that join the following word. «ا» is not a clitic: the segmenter split the initial
# alef off words such as «امتداد», «اتفاقية», «امراة» («ا متداد»), and joining it forward restores them.
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "لل", "ا"})

# Split-off suffixes that join the preceding word. «ي» also covers nisba endings the segmenter split
# («الميلاد ي»); «ه» also covers a final ه written for ة («الكنيس ه»), so plain concatenation is right.
# Left out: «كن» (mostly the verb), «كما» (the word «as»), and a lone «ة» (21 times, as often a misspelt
# pronoun «ه» as a split ending: «المتحد ة» but «و لزوجت ة»).
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "ك", "كم", "ي", "ني", "نا"})

# Enclitics that are also words of their own (pronouns «هم», «هما», «هن»; «كم» is also «how many» and the
# abbreviation of kilometre; «ك» is also the proclitic «like»): they join only a word that can carry a suffix.
AMBIGUOUS_ENCLITICS = frozenset({"هم", "هما", "هن", "ك", "كم"})

# Words that never carry a pronoun suffix, so a following ambiguous enclitic stays a word of its own.
NO_SUFFIX = frozenset(
    {"او", "ام", "ثم", "قد", "لقد", "لم", "لن", "لا", "ما", "اذ", "اذا", "هذا", "هذه", "ذلك", "تلك", "هناك", "هنا"}
    | {"هو", "هي", "هم", "هما", "هن", "انا", "نحن", "حتى", "حتي"}
    | {"ه", "ها", "ك", "كم", "نا", "ني"}
)

# «ك» does not join these as the proclitic «like» («الممالي ك في» is «المماليك في»).
NOT_AFTER_KA = frozenset({"و", "ف", "في", "من", "عن", "على", "الى", "الي", "ان", "لا", "لم", "لن", "ثم", "او"})

# «ا» does not join these («ه ا ا من»).
NOT_AFTER_ALEF = frozenset({"في", "من", "ما"})

# Before «كم» these mean kilometres («الف كم مربع»).
NUMBER_WORDS = frozenset({"الف", "الاف", "الفا", "مليون", "ملايين", "مليار", "بمليوني", "عشر", "مئة", "مائة"})

# Prepositions whose final ى becomes ي before a suffix («على ه» → «عليه»); elsewhere ى becomes ا
# («بنى ها» → «بناها», «مستوى ه» → «مستواه», «احدى هما» → «احداهما»).
YAA_PREPOSITIONS = frozenset({"على", "الى", "لدى"})

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def _arabic_word(token: str) -> bool:
    """A token that begins and ends with an Arabic letter (not punctuation, digits or Latin)."""
    return bool(token and _ARABIC_LETTER.fullmatch(token[0]) and _ARABIC_LETTER.fullmatch(token[-1]))


def _definite(token: str) -> bool:
    return token.startswith("ال") and len(token) > 3


def _takes_suffix(token: str) -> bool:
    """Whether a preceding token can carry an ambiguous enclitic (not definite, not a particle)."""
    return _arabic_word(token) and not _definite(token) and token not in NO_SUFFIX


# Reading ------------------------------------------------------------------------------------------------


def parse(text: str) -> list[Sentence]:
    """Sentences of (token, fine tag) from the text of a WikiFANE file."""
    text = text.removeprefix("\ufeff")
    sentences: list[Sentence] = []
    sentence: Sentence = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        token, _, tag = line.rstrip("\r").partition("\t")
        token = token.translate(INVISIBLE).strip()
        tag = tag.strip()
        if not token:
            if sentence:
                sentences.append(sentence)
            sentence = []
            continue
        if not tag or any(c.isspace() for c in token):
            raise ValueError(f"line {number}: expected `token<TAB>tag`, got {line!r}")
        sentence.append((token, tag))
    if sentence:
        sentences.append(sentence)
    return sentences


def read_wikifane(path: Path) -> list[Sentence]:
    return parse(path.read_bytes().decode("utf-8"))


# Tags ---------------------------------------------------------------------------------------------------


def fine_spans(sentence: Sentence) -> list[str]:
    """The fine type of each entity in a sentence (an orphan I- starts one, as IOB2 repair will)."""
    types = []
    previous = "O"
    for _, tag in sentence:
        if tag != "O" and (tag.startswith("B-") or tag[2:] != previous[2:]):
            types.append(tag[2:])
        previous = tag
    return types


def map_tags(sentence: Sentence) -> Sentence:
    """Fine tags to coarse ones through FINE_TO_COARSE; an unknown type or prefix is an error."""
    mapped: Sentence = []
    for token, tag in sentence:
        if tag != "O":
            prefix, _, fine = tag.partition("-")
            if prefix not in {"B", "I"} or fine not in FINE_TO_COARSE:
                raise ValueError(f"unknown tag {tag!r} (add its type to FINE_TO_COARSE)")
            coarse = FINE_TO_COARSE[fine]
            tag = "O" if coarse == "O" else f"{prefix}-{coarse}"
        mapped.append((token, tag))
    return mapped


def repair_iob2(sentence: Sentence, stats: Counter[str] | None = None) -> Sentence:
    """An I-X that does not continue an X entity becomes B-X."""
    repaired: Sentence = []
    previous = "O"
    for token, tag in sentence:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
            if stats is not None:
                stats["orphan I- made B-"] += 1
        repaired.append((token, tag))
        previous = tag
    return repaired


# Clitics ------------------------------------------------------------------------------------------------


def _role(tokens: list[str], i: int) -> str | None:
    """'pro' if token i joins the next token, 'enc' if it joins the previous one, else None."""
    token = tokens[i]
    previous = tokens[i - 1] if i > 0 else ""
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    if token == "ك":
        # «like» before «ما», a definite word, or after a word that cannot carry a suffix; else «your».
        # After a definite word it can only be the end of that word, split off («الممالي ك»).
        if (
            _arabic_word(following)
            and following not in NOT_AFTER_KA
            and (following == "ما" or following.startswith("ال") or not _takes_suffix(previous))
        ):
            return "pro"
        return "enc" if _arabic_word(previous) and previous not in NO_SUFFIX else None
    if token in PROCLITICS:
        if not _arabic_word(following):
            return None
        if token == "ا" and (following.startswith("ا") or following in NOT_AFTER_ALEF):
            return None
        return "pro"
    if token in ENCLITICS and _arabic_word(previous):
        if token in AMBIGUOUS_ENCLITICS and not _takes_suffix(previous):
            return None
        if token == "كم" and (previous in NUMBER_WORDS or following == "مربع" or following.isdigit()):
            return None
        return "enc"
    return None


def attach_proclitic(proclitic: str, word: str, stats: Counter[str] | None = None) -> str:
    """«و» + «تعتبر» → «وتعتبر»; «ل» + «الدولة» → «للدولة» (the article's alef drops); «ل» + «الله» → «لله»
    (and «اللغة» → «للغة»: Arabic writes no third lam). A split «لل» is «ل» with the article already in it."""
    if proclitic == "ل" and word.startswith("ال"):
        if stats is not None:
            stats["ل + ال → لل"] += 1
        return "ل" + (word[2:] if word.startswith("الل") else word[1:])
    if proclitic == "لل":
        if word.startswith("ال"):  # «لل» + «المجلس» → «للمجلس»
            return "لل" + word[2:]
        if word.startswith("ل"):  # «لل» + «لاعب» → «للاعب»
            return "ل" + word
    return proclitic + word


def attach_enclitic(word: str, enclitic: str, stem: str, stats: Counter[str] | None = None) -> str:
    """«عاصمة» + «ها» → «عاصمتها»; «على» + «ه» → «عليه»; «بنى» + «ها» → «بناها»; else plain concatenation."""
    if word.endswith("ة"):
        if stats is not None:
            stats["ة → ت before an enclitic"] += 1
        return word[:-1] + "ت" + enclitic
    if word.endswith("ى"):
        yaa = stem in YAA_PREPOSITIONS
        if stats is not None:
            stats["ى → ي before an enclitic" if yaa else "ى → ا before an enclitic"] += 1
        return word[:-1] + ("ي" if yaa else "ا") + enclitic
    return word + enclitic


def _merged_tag(tags: list[str], stem_index: int) -> str:
    stem_tag = tags[stem_index]
    if stem_tag.startswith("I-") and "B-" + stem_tag[2:] in tags[:stem_index]:
        return "B-" + stem_tag[2:]
    return stem_tag


def merge_clitics(sentence: Sentence, stats: Counter[str] | None = None) -> Sentence:
    """Join split-off proclitics to the next word and enclitics to the previous one (see _role)."""
    tokens = [token for token, _ in sentence]
    roles = [_role(tokens, i) for i in range(len(tokens))]
    merged: Sentence = []
    i = 0
    while i < len(tokens):
        stem = i
        while roles[stem] == "pro":  # a 'pro' token always has an Arabic word after it
            stem += 1
        end = stem + 1
        while end < len(tokens) and roles[end] == "enc":
            end += 1
        if end - i == 1:
            merged.append(sentence[i])
            i = end
            continue
        word = tokens[stem]
        for proclitic in reversed(tokens[i:stem]):
            word = attach_proclitic(proclitic, word, stats)
        for enclitic in tokens[stem + 1 : end]:
            word = attach_enclitic(word, enclitic, tokens[stem], stats)
        tags = [tag for _, tag in sentence[i:end]]
        tag = _merged_tag(tags, stem - i)
        if stats is not None:
            for proclitic in tokens[i:stem]:
                stats[f"proclitic {proclitic}"] += 1
            for enclitic in tokens[stem + 1 : end]:
                stats[f"enclitic {enclitic}"] += 1
            if tag == "O" and any(t != "O" for t in tags):
                stats["entity tag of a clitic dropped (content word O)"] += 1
            if tag != tags[stem - i]:
                stats["B- taken from a proclitic"] += 1
        merged.append((word, tag))
        i = end
    return merged


def convert(sentences: Iterable[Sentence], stats: Counter[str] | None = None) -> list[Sentence]:
    """Coarse tags, clitics re-attached, IOB2 repaired."""
    return [repair_iob2(merge_clitics(map_tags(s), stats), stats) for s in sentences]


# Writing ------------------------------------------------------------------------------------------------


def to_text(sentences: Iterable[Sentence]) -> str:
    return "\n".join("".join(f"{token} {tag}\n" for token, tag in sentence) for sentence in sentences)


def coarse_counts(sentences: Iterable[Sentence]) -> Counter[str]:
    return Counter(tag[2:] for sentence in sentences for _, tag in sentence if tag.startswith("B-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="WikiFANE_Gold_2014_500K.txt")
    parser.add_argument("--out", type=Path, required=True, help="the `token TAG` file to write")
    args = parser.parse_args()

    sentences = read_wikifane(args.corpus)
    fine = Counter(t for s in sentences for t in fine_spans(s))
    stats: Counter[str] = Counter()
    converted = convert(sentences, stats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(to_text(converted), "utf-8")

    tokens_in = sum(map(len, sentences))
    tokens_out = sum(map(len, converted))
    print(f"{len(converted)} sentences, {tokens_in} tokens read, {tokens_out} written -> {args.out}")
    entities = coarse_counts(converted)
    print("entities:", ", ".join(f"{label} {entities[label]}" for label in ("PER", "LOC", "ORG", "MISC")))
    print("merges and repairs:")
    for kind, count in sorted(stats.items(), key=lambda item: -item[1]):
        print(f"  {count:7d}  {kind}")
    print("fine types (entities) -> label:")
    for kind, count in fine.most_common():
        print(f"  {count:7d}  {kind:<22} -> {FINE_TO_COARSE.get(kind, '?')}")


if __name__ == "__main__":
    main()
