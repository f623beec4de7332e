"""training/prepare_wikifane.py: reading WikiFANE, its type mapping, clitic re-attachment and IOB2 output."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pytest

from entities.evaluation import read_conll
from training_scripts import load_training_script

LRM = "\u200e"


wf = load_training_script("prepare_wikifane")


def _lines(*rows: str) -> str:
    """A WikiFANE-like text: BOM, CRLF, LRM before each word token (not before punctuation)."""
    out = []
    for row in rows:
        if not row:
            out.append("\t")
            continue
        token, tag = row.split()
        mark = LRM if token[0].isalpha() else ""
        out.append(f"{mark}{token}\t{tag}")
    return "\ufeff" + "\r\n".join(out) + "\r\n"


def _merge(tokens: str, tags: str | None = None) -> list[tuple[str, str]]:
    words = tokens.split()
    return wf.merge_clitics(list(zip(words, tags.split() if tags else ["O"] * len(words), strict=True)))


def _words(tokens: str) -> list[str]:
    return [token for token, _ in _merge(tokens)]


# Reading


def test_parse_strips_bom_crlf_and_lrm_and_splits_sentences():
    text = _lines("جنوب B-Nation", "السودان I-Nation", "، O", "", "و O", "تعتبر O", ". O")
    sentences = wf.parse(text)
    assert sentences == [
        [("جنوب", "B-Nation"), ("السودان", "I-Nation"), ("،", "O")],
        [("و", "O"), ("تعتبر", "O"), (".", "O")],
    ]
    assert all(LRM not in token and "\ufeff" not in token and "\r" not in tag for s in sentences for token, tag in s)


def test_parse_takes_an_empty_line_or_a_lone_tab_as_a_boundary_and_skips_repeats():
    text = "\ufeffا\tO\r\n\t\r\n\t\r\nب\tO\r\n\r\nج\tO"
    assert wf.parse(text) == [[("ا", "O")], [("ب", "O")], [("ج", "O")]]


def test_parse_rejects_a_token_without_a_tag():
    with pytest.raises(ValueError, match="line 2"):
        wf.parse("ا\tO\r\nب\r\n")


def test_read_wikifane_reads_bytes_with_bom(tmp_path):
    path = tmp_path / "wikifane.txt"
    path.write_bytes(_lines("مصر B-Nation", ". O").encode("utf-8"))
    assert wf.read_wikifane(path) == [[("مصر", "B-Nation"), (".", "O")]]


# Type mapping


def test_every_mapping_value_is_a_coarse_label_or_o():
    assert set(wf.FINE_TO_COARSE.values()) == {"PER", "LOC", "ORG", "MISC", "O"}
    assert len(wf.FINE_TO_COARSE) == 51


@pytest.mark.parametrize(
    ("fine", "coarse"),
    [
        ("Politician", "PER"),
        ("Religious_PER", "PER"),
        ("Nation", "LOC"),
        ("Population-Center", "LOC"),
        ("GPE-Cluster", "LOC"),
        ("Water-Body", "LOC"),
        ("Building-Grounds", "LOC"),
        ("Airport", "LOC"),
        ("Government", "ORG"),
        ("Non-Governmental", "ORG"),
        ("Air", "MISC"),
        ("Water", "MISC"),
        ("Shooting", "MISC"),
        ("Book", "MISC"),
    ],
)
def test_fine_types_map_to_coarse_labels(fine, coarse):
    assert wf.map_tags([("x", f"B-{fine}"), ("y", f"I-{fine}")]) == [("x", f"B-{coarse}"), ("y", f"I-{coarse}")]


def test_groups_and_celestial_bodies_become_o():
    sentence = [("العرب", "B-Group"), ("و", "O"), ("الشمس", "B-Celestial"), ("نجم", "O")]
    assert [tag for _, tag in wf.map_tags(sentence)] == ["O", "O", "O", "O"]


def test_an_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="B-Spaceship"):
        wf.map_tags([("x", "B-Spaceship")])


def test_fine_spans_counts_entities_including_orphan_inside_tags():
    sentence = [("a", "B-Nation"), ("b", "I-Nation"), ("c", "B-Nation"), ("d", "O"), ("e", "I-Artist")]
    assert wf.fine_spans(sentence) == ["Nation", "Nation", "Artist"]


# Proclitics


def test_proclitics_join_the_next_word():
    assert _words("و تعتبر ف قد ب ه س يصل") == ["وتعتبر", "فقد", "به", "سيصل"]


def test_a_chain_of_proclitics_joins_one_word():
    assert _words("و ب الاضافة و ل ه") == ["وبالاضافة", "وله"]


def test_li_before_the_article_drops_the_alef():
    assert _words("ل الدولة") == ["للدولة"]
    assert _words("و ل الاقليم") == ["وللاقليم"]
    assert _words("ل الله") == ["لله"]
    assert _words("ل اللغة") == ["للغة"]
    assert _words("ل ان") == ["لان"]  # no article: plain concatenation


def test_a_split_lil_keeps_one_article():
    assert _words("لل المجلس") == ["للمجلس"]
    assert _words("لل محيط") == ["للمحيط"]


def test_a_split_initial_alef_joins_its_word():
    assert _words("على ا متداد") == ["على", "امتداد"]
    assert _words("ا الصومال") == ["ا", "الصومال"]


def test_ka_is_like_before_ma_or_the_article_and_your_after_a_word():
    assert _words("، ك ما") == ["،", "كما"]
    assert _words("المدن ك الاغواط") == ["المدن", "كالاغواط"]
    assert _words("مع ك في") == ["معك", "في"]
    assert _words("دولة ك و") == ["دولتك", "و"]


def test_proclitics_do_not_join_across_punctuation_digits_or_latin():
    assert _words("و ، ل 2007 ب Mig .") == ["و", "،", "ل", "2007", "ب", "Mig", "."]


def test_a_proclitic_at_the_end_of_a_sentence_stays():
    assert _words("تعتبر و") == ["تعتبر", "و"]


# Enclitics


def test_enclitics_join_the_previous_word():
    assert _words("مدن ها من هم ان نا ارسل ني") == ["مدنها", "منهم", "اننا", "ارسلني"]


def test_ta_marbuta_becomes_ta_before_an_enclitic():
    assert _words("عاصمة ها") == ["عاصمتها"]
    assert _words("حياة هم") == ["حياتهم"]


def test_alef_maqsura_before_an_enclitic():
    assert _words("بنى ها") == ["بناها"]
    assert _words("على ه") == ["عليه"]


def test_standalone_pronouns_stay_after_definite_words_and_particles():
    assert _words("الشماليين هم تجار") == ["الشماليين", "هم", "تجار"]
    assert _words("اذ هن المربيات") == ["اذ", "هن", "المربيات"]
    assert _words("الي هم") == ["اليهم"]  # the preposition is not a definite word


def test_kilometres_are_not_a_pronoun():
    assert _words("5 كم مربع") == ["5", "كم", "مربع"]
    assert _words("الف كم من") == ["الف", "كم", "من"]
    assert _words("علي كم السلام") == ["عليكم", "السلام"]


def test_enclitics_do_not_join_punctuation_or_digits():
    assert _words("، ها 1983 ه") == ["،", "ها", "1983", "ه"]


def test_words_that_are_not_clitics_stay_separate():
    assert _words("في ما من لا يا محمد ال الصباح") == ["في", "ما", "من", "لا", "يا", "محمد", "ال", "الصباح"]


def test_proclitic_and_enclitic_around_one_word():
    assert _words("و ف ي ها") == ["وفيها"]
    assert _words("ل عاصمة ها") == ["لعاصمتها"]


# Tags of merged tokens


def test_merged_token_takes_the_tag_of_its_content_word():
    assert _merge("و جوبا", "O B-LOC") == [("وجوبا", "B-LOC")]
    assert _merge("عاصمة ها", "O O") == [("عاصمتها", "O")]
    assert _merge("ديز ني", "B-ORG I-ORG") == [("ديزني", "B-ORG")]


def test_a_proclitic_that_begins_an_entity_gives_the_merged_token_b():
    assert _merge("و هران", "B-LOC I-LOC") == [("وهران", "B-LOC")]
    assert _merge("ف كتوريا ،", "B-LOC I-LOC O") == [("فكتوريا", "B-LOC"), ("،", "O")]


def test_a_proclitic_inside_an_entity_keeps_it_going():
    merged = _merge("بروكتر و غامبل", "B-ORG I-ORG I-ORG")
    assert merged == [("بروكتر", "B-ORG"), ("وغامبل", "I-ORG")]


def test_merge_statistics_count_each_kind():
    stats: Counter[str] = Counter()
    wf.merge_clitics([(w, "O") for w in ["و", "ل", "الدولة", "عاصمة", "ها"]], stats)
    assert stats["proclitic و"] == 1
    assert stats["proclitic ل"] == 1
    assert stats["ل + ال → لل"] == 1
    assert stats["enclitic ها"] == 1
    assert stats["ة → ت before an enclitic"] == 1


# IOB2 and the whole conversion


def test_repair_iob2_turns_orphan_inside_tags_into_begin():
    stats: Counter[str] = Counter()
    sentence = [("a", "O"), ("b", "I-PER"), ("c", "I-LOC"), ("d", "I-LOC")]
    assert [t for _, t in wf.repair_iob2(sentence, stats)] == ["O", "B-PER", "B-LOC", "I-LOC"]
    assert stats["orphan I- made B-"] == 2


def is_iob2(tags: Iterable[str]) -> bool:
    """Every I-X continues an X entity."""
    previous = "O"
    for tag in tags:
        if tag != "O" and (tag[:2] not in {"B-", "I-"} or (tag[0] == "I" and previous[2:] != tag[2:])):
            return False
        previous = tag
    return True


def test_is_iob2():
    assert is_iob2(["B-PER", "I-PER", "O", "B-LOC"])
    assert not is_iob2(["O", "I-PER"])
    assert not is_iob2(["B-PER", "I-LOC"])


def test_convert_maps_merges_and_repairs():
    text = _lines(
        "و O",
        "تعتبر O",
        "مدينة O",
        "جوبا B-Population-Center",
        "عاصمة O",
        "ها O",
        "و O",
        "المسلمين B-Group",
        "ل O",
        "جنوب B-Nation",
        "السودان I-Nation",
        "، O",
        "ف B-Politician",
        "الراف I-Politician",
        ". O",
    )
    [sentence] = wf.convert(wf.parse(text))
    assert sentence == [
        ("وتعتبر", "O"),
        ("مدينة", "O"),
        ("جوبا", "B-LOC"),
        ("عاصمتها", "O"),
        ("والمسلمين", "O"),
        ("لجنوب", "B-LOC"),
        ("السودان", "I-LOC"),
        ("،", "O"),
        ("فالراف", "B-PER"),
        (".", "O"),
    ]
    assert is_iob2(tag for _, tag in sentence)


def test_output_reads_back_unchanged_through_prepare_ner_data(tmp_path):
    prepare = load_training_script("prepare_ner_data")
    text = _lines("و O", "مصر B-Nation", "، O", "", "ال O", "نجم B-Artist", "ها I-Artist", ". O")
    converted = wf.convert(wf.parse(text))
    path = tmp_path / "wikifane.txt"
    path.write_text(wf.to_text(converted), "utf-8")
    lines = path.read_text("utf-8").split("\n")
    assert all(line == "" or len(line.split(" ")) == 2 for line in lines)
    back = list(read_conll(path))
    assert back == converted
    assert [prepare.clean_tags(s) for s in back] == back
    assert wf.coarse_counts(back) == Counter({"LOC": 1, "PER": 1})
