from entities.clubs import about_sport, club_forms, clubs_after_club_words, known_clubs
from entities.propagate import propagate_mentions
from entities.schema import Mention
from entities.tokenize import split_sentences

SPORT = " وقال مدرب الفريق بعد المباراة إن اللاعبين جاهزون للدوري."


def tag(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def added(text: str, *tagged: Mention) -> list[tuple[str, str]]:
    found = clubs_after_club_words(text, split_sentences(text), list(tagged))
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in found]


def test_the_word_after_the_club_word_is_the_club_and_the_word_itself_stays_out():
    text = "أكد قائد نادي الهلال أنه لن يشارك، وانتقل اللاعب إلى بنادي الشباب." + SPORT
    assert added(text) == [("الهلال", "ORG"), ("الشباب", "ORG")]


def test_after_the_dual_the_second_club_loses_its_conjunction():
    text = "وقع ناديا الهلال والنصر في مأزق." + SPORT
    assert added(text) == [("الهلال", "ORG"), ("النصر", "ORG")]
    # after the singular, the word after «و» is not taken: «نادي الصيد والفروسية» is one club
    assert added("زار نادي الصيد والفروسية." + SPORT) == [("الصيد", "ORG")]


def test_describing_words_listed_common_nouns_places_and_tagged_names_are_left_alone():
    text = "لعب في نادي الإسباني ثم نادي الحي ثم نادي الأحساء الأدبي." + SPORT
    assert added(text) == []
    text = "انضم إلى نادي المحرق البحريني." + SPORT
    tagged = tag(text, "المحرق البحريني", "ORG")
    assert added(text, tagged) == [("المحرق البحريني", "ORG")]


def test_a_document_is_about_sport_with_three_different_sports_words():
    assert about_sport(split_sentences("قال المدرب إن المباراة صعبة وإن اللاعبين جاهزون."))
    # one word three times is not enough, nor is a literary club's news
    assert not about_sport(split_sentences("المباراة والمباراة ومباراة."))
    assert not about_sport(split_sentences("كرم نادي القصة السعودي الكاتب على جهوده في القصة القصيرة."))


def test_the_clubs_named_after_a_club_word_are_spread_though_common_words():
    text = "أكد رئيس نادي الهلال أن الهلال سيلعب غدا، وأن جماهير الهلال ستحضر." + SPORT
    sentences = split_sentences(text)
    found = clubs_after_club_words(text, sentences, [])
    clubs = club_forms(text, found)
    assert clubs == {("الهلال",)}

    def rank(word: str) -> int:
        return 300  # «الهلال» is among the vocabulary's commonest words

    spread = propagate_mentions(text, sentences, found, rank, clubs)
    assert [(m.text, m.label) for m in spread] == [("الهلال", "ORG")] * 3
    assert len(propagate_mentions(text, sentences, found, rank)) == 1  # a common word alone is not spread


def test_a_one_word_organisation_the_tagger_found_twice_is_a_club_unless_it_is_a_place_or_the_cup():
    text = "فاز النصر على الهلال في الرياض، وقال مهاجم النصر في الرياض إن لقب السوبر هدفه، والسوبر صعب." + SPORT
    tagged = [tag(text, "النصر", "ORG"), tag(text, "الهلال", "ORG"), tag(text, "الرياض", "ORG")]
    tagged += [tag(text, "النصر", "ORG", 1), tag(text, "الرياض", "ORG", 1)]
    tagged += [tag(text, "السوبر", "ORG"), tag(text, "السوبر", "ORG", 1)]
    assert club_forms(text, sorted(tagged, key=lambda m: m.start)) == {("النصر",)}
    assert club_forms(text, sorted(tagged, key=lambda m: m.start), twice=False) == frozenset()


def test_a_known_club_is_found_after_a_word_for_its_team_or_joined_to_another_club():
    text = "فاز فريق السد على الوكرة، وتعادل الريان والعربي، وقال مدرب الهلال إن رعاية الشباب مهمة."
    tagged = [tag(text, "الوكرة", "ORG")]
    found = known_clubs(text, split_sentences(text), tagged)
    assert [(m.text, m.label) for m in found] == [
        ("السد", "ORG"),  # after «فريق»
        ("الوكرة", "ORG"),  # tagged already
        ("الريان", "ORG"),  # joined by «و» to another known club
        ("العربي", "ORG"),  # behind its «و»
        ("الهلال", "ORG"),  # after «مدرب»
    ]  # «رعاية الشباب» (youth welfare) stays untagged
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_known_club_joined_to_a_tagged_organisation_is_a_club_and_a_lone_one_is_not():
    text = "التقى النصر والاتحاد في جدة، وتحدث الاتفاق عن الاتفاق النووي."
    found = known_clubs(text, split_sentences(text), [tag(text, "النصر", "ORG")])
    assert [m.text for m in found] == ["النصر", "الاتحاد"]


def test_the_pipeline_finds_known_clubs_only_in_a_sports_report():
    import entities

    class NoNames:  # a tagger that finds nothing: what is found is the rules' own
        def tag(self, sentences):
            return []

        def word_rank(self, word):
            return None

    pipeline = entities.Pipeline(NoNames())
    text = "يلتقي فريق السد مع الريان والعربي غدا."
    assert [m.text for m in pipeline(text + SPORT).mentions] == ["السد", "الريان", "العربي"]
    assert pipeline(text).mentions == []  # no sports report: «السد» may be a dam
