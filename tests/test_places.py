"""entities/places.py: states, capitals and continents are places, whatever the tagger said or missed."""

from entities.places import (
    add_places,
    city_club_forms,
    clubs_after_cities,
    default_places,
    drop_not_places,
    persons_after_nationalities,
    retype_places,
    spread_city_clubs,
    widen_to_places,
)
from entities.schema import Mention
from entities.tokenize import split_sentences


def tag(text: str, surface: str, label: str) -> Mention:
    start = text.find(surface)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def added(text: str, tagged: list[Mention] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in add_places(text, split_sentences(text), tagged or [])]


def test_a_state_read_as_a_person_or_misc_is_a_place():
    text = "أشاد كوت ديفوار بالاتفاق، وحضر مندوب عن أثينا."
    mentions = retype_places([tag(text, "كوت ديفوار", "PER"), tag(text, "أثينا", "MISC")])
    assert [(m.text, m.label) for m in mentions] == [("كوت ديفوار", "LOC"), ("أثينا", "LOC")]


def test_a_club_named_for_a_city_and_an_ambiguous_word_keep_their_label_a_state_in_full_does_not():
    text = "فاز موناكو على ضيفه، وقال مالي إن الإمارات العربية المتحدة ستستضيف."
    mentions = [tag(text, "موناكو", "ORG"), tag(text, "مالي", "PER"), tag(text, "ضيفه", "PER")]
    mentions.append(tag(text, "الإمارات العربية المتحدة", "ORG"))
    assert [m.label for m in retype_places(mentions)] == ["ORG", "PER", "PER", "LOC"]


def test_an_untagged_state_is_added_without_its_proclitic_and_the_longest_name_wins():
    text = "وصلت البعثة إلى جنوب السودان قادمة من نيروبي ولاتفيا."
    assert added(text) == [("جنوب السودان", "LOC"), ("نيروبي", "LOC"), ("لاتفيا", "LOC")]


def test_a_place_inside_a_tagged_name_is_not_added_again():
    text = "أعلن بنك نيروبي التجاري أرباحه."
    assert added(text, [tag(text, "بنك نيروبي التجاري", "ORG")]) == [("بنك نيروبي التجاري", "ORG")]


def test_saudi_arabia_describing_a_noun_is_not_added():
    text = "قالت الهيئة السعودية إن الشركات السعودية ستشارك، فيما تقود السعودية التحالف بالسوق السعودية."
    assert added(text) == [("السعودية", "LOC")]
    assert add_places(text, split_sentences(text), [])[0].start == text.index("تقود") + len("تقود ")


def test_words_that_are_also_places_are_not_added():
    assert added("جاء باكرا إلى مكتبه ماليا، وصلى المغرب في مسقط رأسه، وله في ذلك مآرب.") == []


def test_the_kingdoms_regions_and_cities_are_places():
    text = "افتتح المعرض بالأحساء بمشاركة فرق من جازان والمنطقة الشرقية."
    assert added(text) == [("الأحساء", "LOC"), ("جازان", "LOC"), ("المنطقة الشرقية", "LOC")]


def test_a_name_that_is_also_a_word_is_a_place_only_right_after_a_place_word():
    text = "زار الوفد محافظة ينبع ومنطقة حائل ثم بمدينة مأرب، وكان حائل الوجه والخبر ينبع من المصدر."
    assert added(text) == [("ينبع", "LOC"), ("حائل", "LOC"), ("مأرب", "LOC")]


def test_every_listed_name_is_found_whole():
    places = default_places()
    for first, names in places.by_first.items():
        for name in names:
            if name not in places.ambiguous:
                assert places.is_place(" ".join(name)), name
            assert name[0] == first


def widened(text: str, tagged: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in widen_to_places(text, split_sentences(text), tagged)]


def test_part_of_a_listed_place_becomes_the_whole_place():
    text = "وصل الوفد إلى إسلام آباد أمس قادما من أبو ظبي."
    assert widened(text, [tag(text, "آباد", "LOC"), tag(text, "ظبي", "PER")]) == [
        ("إسلام آباد", "LOC"),
        ("أبو ظبي", "LOC"),
    ]
    # the tagger's two places for one name are one place
    assert widened(text, [tag(text, "إسلام", "LOC"), tag(text, "آباد", "LOC")]) == [("إسلام آباد", "LOC")]


def test_no_place_is_widened_over_another_name_or_from_a_one_word_organisation():
    text = "قال محمد إسلام آباد إن الفريق جاهز."
    assert widened(text, [tag(text, "محمد إسلام", "PER"), tag(text, "آباد", "LOC")]) == [
        ("محمد إسلام", "PER"),
        ("آباد", "LOC"),
    ]
    text = "فاز أبو ظبي على ضيفه."
    assert widened(text, [tag(text, "ظبي", "ORG")]) == [("ظبي", "ORG")]


def test_mecca_is_a_place_without_its_epithet_as_anercorp_tags_it():
    text = "وصل الحجاج إلى مكة المكرمة أمس."
    assert added(text) == [("مكة", "LOC")]
    assert widened(text, [tag(text, "مكة", "LOC")]) == [("مكة", "LOC")]


def test_a_canal_takes_in_the_city_the_tagger_read_as_an_organisation():
    text = "وعبرت السفينة قناة السويس الجديدة أمس، وقال رئيس نادي السويس إن الفريق جاهز."
    tagged = [
        tag(text, "السويس", "ORG"),
        Mention(text="السويس", label="ORG", start=text.rfind("السويس"), end=text.rfind("السويس") + 6),
    ]
    mentions = widen_to_places(text, split_sentences(text), tagged)
    assert [(m.text, m.label) for m in mentions] == [("قناة السويس الجديدة", "LOC"), ("السويس", "ORG")]


def test_a_city_before_a_masculine_nationality_is_a_club_unless_a_person_follows():
    text = "فاز روما الإيطالي على ليون. وزار روما الإيطالية أمس. ووصل إلى الدوحة البرتغالي روبن أموريم."
    mentions = [
        Mention(text="روما", label="LOC", start=4, end=8),
        Mention(text="ليون", label="LOC", start=text.find("ليون"), end=text.find("ليون") + 4),
        Mention(text="روما", label="LOC", start=text.rfind("روما"), end=text.rfind("روما") + 4),
        Mention(text="الدوحة", label="LOC", start=text.find("الدوحة"), end=text.find("الدوحة") + 6),
        Mention(text="روبن أموريم", label="PER", start=text.find("روبن"), end=len(text) - 1),
    ]
    assert [m.label for m in clubs_after_cities(text, mentions)] == ["ORG", "LOC", "LOC", "LOC", "PER"]


def tagged(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Mentions of each (surface, label), the n-th repeat of a surface at its n-th place in ``text``."""
    found: list[Mention] = []
    for surface, label in names:
        start = text.find(surface, max((m.end for m in found if m.text == surface), default=0))
        found.append(Mention(text=surface, label=label, start=start, end=start + len(surface)))
    return sorted(found, key=lambda m: m.start)


def test_in_a_sports_report_any_city_before_a_masculine_nationality_is_its_club():
    text = "حقق سسكا فوزا على هامبورغ الألماني، وزار الوفد الجولان السوري وقارة آسيا الكوري ومعسكره بفيرونا الإيطالي."
    mentions = tagged(text, ("هامبورغ", "LOC"), ("الجولان", "LOC"), ("آسيا", "LOC"), ("فيرونا", "LOC"))
    assert [m.label for m in clubs_after_cities(text, mentions)] == ["LOC"] * 4  # not a listed city
    # the article, a continent, a city behind «ب»
    assert [m.label for m in clubs_after_cities(text, mentions, sport=True)] == ["ORG", "LOC", "LOC", "LOC"]


def test_a_city_in_a_line_of_results_is_a_club_and_a_dateline_is_not():
    text = "سلتيك (اسكتلندا) - كوبنهاغن ( الدنمارك ) 1 - صفر . موسكو ( روسيا ) - أ ف ب"
    names = ("سلتيك", "اسكتلندا", "كوبنهاغن", "الدنمارك", "موسكو", "روسيا")
    labels = [m.label for m in clubs_after_cities(text, tagged(text, *((name, "LOC") for name in names)))]
    assert labels == ["ORG", "LOC", "ORG", "LOC", "LOC", "LOC"]


def test_a_city_named_as_its_club_is_the_club_through_the_report_but_where_it_is_written_as_the_city():
    text = "فاز سلتيك على هامبورغ الألماني. وقال مدرب هامبورغ إن اللعب في هامبورغ صعب، وعاد الفريق ببرشلونة."
    mentions = clubs_after_cities(
        text, tagged(text, ("هامبورغ", "LOC"), ("هامبورغ", "LOC"), ("هامبورغ", "LOC")), sport=True
    )
    forms = city_club_forms(text, mentions, sport=True)
    assert forms == {("هامبورغ",)}
    assert [m.label for m in spread_city_clubs(text, mentions, forms)] == ["ORG", "ORG", "LOC"]
    state = "فاز قطر القطري على الريان في قطر."
    club = Mention(text="قطر", label="ORG", start=state.find("قطر"), end=state.find("قطر") + 3)
    assert not city_club_forms(state, [club], sport=True)
    force = "قال قائد فيلق القدس الإيراني إنه زار القدس."
    quds = Mention(text="القدس", label="ORG", start=force.find("القدس"), end=force.find("القدس") + 5)
    assert not city_club_forms(force, [quds])  # outside sport no spread
    assert city_club_forms(force, [quds], sport=True) == {("القدس",)}


def test_an_organisation_after_a_nationality_standing_as_a_noun_is_a_person():
    text = "أعلن التعاقد مع الأرجنتيني موراليز وضم الياباني هوندا. سمات الهلال جازينتاب التركي فيرونا الإيطالي"
    found = tagged(
        text, ("موراليز", "ORG"), ("هوندا", "ORG"), ("الهلال", "ORG"), ("جازينتاب", "ORG"), ("فيرونا", "ORG")
    )
    assert [m.label for m in persons_after_nationalities(text, found)] == ["PER", "PER", "ORG", "ORG", "ORG"]
    clubs = "لعب كنانس الفرنسي وسبورتنغ لشبونة، وذكر الموقع الأمريكي BGR أن المصري الزمالك فاز."
    found = tagged(clubs, ("وسبورتنغ لشبونة", "ORG"), ("BGR", "ORG"), ("الزمالك", "ORG"))
    assert [m.label for m in persons_after_nationalities(clubs, found)] == ["ORG", "ORG", "ORG"]
    after_name = "فاز الهلال السعودي موراليز"
    found = tagged(after_name, ("الهلال", "ORG"), ("موراليز", "ORG"))
    assert [m.label for m in persons_after_nationalities(after_name, found)] == ["ORG", "ORG"]


def test_a_place_inside_a_phrase_that_is_no_place_is_dropped():
    text = "أصيب اللاعب بقطع في الرباط الصليبي ثم سافر إلى الرباط."
    sentences = split_sentences(text)
    mentions = add_places(text, sentences, [])
    assert [m.start for m in mentions] == [text.find("الرباط"), text.rfind("الرباط")]
    assert [m.start for m in drop_not_places(text, sentences, mentions)] == [text.rfind("الرباط")]


def test_aden_is_a_place_wherever_it_stands_and_eden_is_none():
    text = "وصلت المساعدات إلى عدن، وذكرهم بجنات عدن."
    sentences = split_sentences(text)
    mentions = add_places(text, sentences, [])
    assert [m.start for m in mentions] == [text.find("عدن"), text.rfind("عدن")]
    assert [(m.text, m.start) for m in drop_not_places(text, sentences, mentions)] == [("عدن", text.find("عدن"))]


def test_asir_is_added_as_a_place_though_it_is_also_an_adjective():
    text = "وقع التفجير في مسجد قوات الطوارئ بعسير، وزار أمير عسير المصابين."
    mentions = add_places(text, split_sentences(text), [])
    assert [(m.text, m.label) for m in mentions] == [("عسير", "LOC"), ("عسير", "LOC")]
    assert all(text[m.start : m.end] == m.text for m in mentions)
