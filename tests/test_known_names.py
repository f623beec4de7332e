from pathlib import Path

from entities.known_names import KnownNames, split_at_first_names, widen_to_known_names
from entities.schema import Mention
from entities.tokenize import split_sentences
from training_scripts import load_training_script

NAMES = KnownNames.from_names(["بان كي مون", "باراك أوباما", "علي محمد", "جمال عبد الناصر"])


def mention(text: str, surface: str, label: str = "PER", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def widened(text: str, mentions: list[Mention], names: KnownNames | None = NAMES) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in widen_to_known_names(text, split_sentences(text), mentions, names)]


def test_part_of_a_known_name_becomes_the_name_and_a_name_cut_in_two_is_one():
    text = "ورحب بان كي مون بالاتفاق، وقال باراك أوباما إنه راض."
    tagged = [mention(text, "كي مون"), mention(text, "باراك"), mention(text, "أوباما")]
    assert widened(text, tagged) == [("بان كي مون", "PER"), ("باراك أوباما", "PER")]


def test_a_proclitic_before_the_known_name_stays_out_of_it():
    text = "وأشاد الرئيس لجمال عبد الناصر بالجيش."
    assert widened(text, [mention(text, "عبد الناصر")]) == [("جمال عبد الناصر", "PER")]


def test_no_name_is_widened_over_a_preposition_another_kind_of_name_or_without_a_list():
    text = "ألقي القبض على محمد أمس. وقال بان كي مون."
    tagged = [mention(text, "محمد"), mention(text, "بان", "LOC"), mention(text, "كي مون")]
    assert widened(text, tagged) == [("محمد", "PER"), ("بان", "LOC"), ("كي مون", "PER")]
    assert widened(text, [mention(text, "كي مون")], None) == [("كي مون", "PER")]


def test_known_names_load_from_the_file_beside_the_model(tmp_path: Path):
    path = tmp_path / "person_names.txt"
    path.write_text("بان كي مون\nمحمد\n\n", "utf-8")
    names = KnownNames.load(path)
    assert len(names) == 1  # a name of one word is no full name


def test_build_person_names_keeps_full_names_without_titles(tmp_path: Path):
    build = load_training_script("build_person_names")
    conll = tmp_path / "names.txt"
    conll.write_text(
        "قال O\nالملك B-PERS\nفهد I-PERS\n\nو O\nبان B-PER\nكي I-PER\nمون I-PER\nزار O\nأحمد B-PER\n"
        "\nالشيخ B-PER\nأحمد I-PER\nو O\nسعد B-PER\nالحريري I-PER\n",
        "utf-8",
    )
    names = build.person_names(build.read_conll(conll))
    assert names == {"بان كي مون", "سعد الحريري"}  # «الملك فهد», «الشيخ أحمد»: titles; «أحمد»: one word


def test_the_shipped_model_knows_full_names_from_its_training_data(pipeline):
    names = pipeline.tagger.known_names
    assert names is not None and len(names) > 1000
    assert ("بان", "كي", "مون") in {name for name, _ in names.by_word["مون"]}


def test_build_person_names_takes_off_a_proclitic_only_where_the_rest_begins_another_name():
    build = load_training_script("build_person_names")
    names = {"لباراك اوباما", "باراك حسين", "وعبد العزيز المقالح", "عبد الله", "فريد نونان", "ريد هاستينغز"}
    assert build.without_proclitics(names) == {
        "باراك اوباما",
        "باراك حسين",
        "عبد العزيز المقالح",
        "عبد الله",
        "فريد نونان",  # «ف» is never taken off
        "ريد هاستينغز",
    }


FIRST_NAMES = "محمد علي، محمد صالح، محمد سعيد، أحمد علي، أحمد صالح، أحمد سعيد، هيفاء وهبي، لي وانغ، لي تشانغ، لي مينغ"
FIRST = KnownNames.from_names(FIRST_NAMES.split("، "))  # «محمد», «أحمد», «لي» begin three names each


def test_two_people_run_together_over_and_a_known_first_name_are_cut_apart():
    text = "ووصل الأخوان سالم ومحمد وأحمد، وغنت هيفاء وهبي، واستقبل ولي العهد الضيوف."
    tagged = [mention(text, "سالم ومحمد وأحمد"), mention(text, "هيفاء وهبي"), mention(text, "ولي العهد")]
    found = split_at_first_names(text, tagged, FIRST)
    assert [m.text for m in found] == ["سالم", "محمد", "أحمد", "هيفاء وهبي", "ولي العهد"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert split_at_first_names(text, tagged, None) == tagged  # a model without known names cuts nothing
