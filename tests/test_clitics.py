from entities.clitics import article_forms, proclitic_length

# Frequency ranks as in the shipped vectors (lower is more frequent).
FREQUENT = {
    "بلير": 15544,
    "كابيلو": 9000,
    "فرنسا": 1133,
    "لفرنسا": 25947,
    "بوش": 3961,
    "وش": 19289,
    "وليد": 3161,
    "لبنان": 1105,
    "بنان": 58862,
    "يونغ": 17636,
    "بيونغ": 35980,
    "وفي": 40,
    "كوفي": 20000,
    "محمد": 53,
    "ومحمد": 2024,
    "مجلس": 75,
    "لمجلس": 2526,
    "هولندا": 5770,
    "وهولندا": 18495,
    "عقوبة": 4043,
    "بعقوبة": 15920,
    "كيت": 34619,
    "وكيت": 64357,
    "وفاء": 2500,
    "فاء": 30000,
    "جامعة": 400,
    "بجامعة": 1578,
    "تركيا": 415,
    "كتركيا": 118695,
    "عبد": 153,
    "الدوسري": 1752,
    "يدل": 4338,
    "فيدل": 45629,
    "ييل": 80990,
    "اني": 300,
    "فيصل": 443,
    "يصل": 917,
    "كميل": 39514,
    "ميل": 6449,
    "فتحية": 57481,
    "تحية": 12087,
    "كيرى": 64208,
    "يرى": 1464,
    "روسيا": 867,
    "وروسيا": 5234,
    "بوروسيا": 24593,
    "وزارة": 124,
    "بوزارة": 1623,
    "وردة": 25177,
    "ردة": 9674,
    "وودرو": 127117,
    "ودرو": 84550,
}


def rank(word: str) -> int | None:
    return FREQUENT.get(word)


def test_article_after_conjunction_is_a_clitic():
    assert proclitic_length("والعطية") == 1
    assert proclitic_length("بالقاهرة") == 1


def test_frequency_decides_for_bare_names():
    assert proclitic_length("وبلير", rank) == 1
    assert proclitic_length("بكابيلو", rank) == 1
    assert proclitic_length("لفرنسا", rank) == 1


def test_a_very_frequent_bare_word_is_still_a_name():
    # «محمد» and «مجلس» are among the hundred most frequent words; their clitic still goes.
    assert proclitic_length("ومحمد", rank) == 1
    assert proclitic_length("لمجلس", rank) == 1


def test_and_needs_less_evidence_than_a_preposition():
    # A country in a list: «وهولندا» is only 3.2 times rarer than «هولندا», and «بعقوبة» (a city) 3.9
    # times rarer than «عقوبة» (a penalty).
    assert proclitic_length("وهولندا", rank) == 1
    assert proclitic_length("بعقوبة", rank) == 0


def test_a_word_that_heads_names_loses_its_clitic_whatever_the_frequencies():
    # «بجامعة» is only 3.9 times rarer than «جامعة», as «بعقوبة» is than «عقوبة»; «جامعة» heads names.
    assert proclitic_length("بجامعة", rank) == 0
    assert proclitic_length("بجامعة", rank, heads={"جامعة"}) == 1
    assert proclitic_length("بعقوبة", rank, heads={"جامعة"}) == 0


def test_and_on_an_unknown_word_right_after_another_name_is_the_lists_and():
    # Neither «وقرطبيل» nor «قرطبيل» is in the vocabulary: after another name it is «و» + «قرطبيل»;
    # alone there is no evidence. A known whole word («وليد») or a preposition stays as it was.
    assert proclitic_length("وقرطبيل", rank, after_name=True) == 1
    assert proclitic_length("وقرطبيل", rank) == 0
    assert proclitic_length("وليد", rank, after_name=True) == 0
    assert proclitic_length("بقرطبيل", rank, after_name=True) == 0
    assert proclitic_length("ولهولندا", rank, after_name=True) == 2  # «و» + «ل» + a known name first


def test_and_right_after_another_name_goes_when_the_bare_word_is_the_more_frequent():
    # «مايلز تيلر وكيت مارا»: «كيت» is 1.9 times more frequent than «وكيت», too little alone, enough after a
    # name; «وفاء» (a first name, and loyalty) is the more frequent form and keeps its «و».
    assert proclitic_length("وكيت", rank) == 0
    assert proclitic_length("وكيت", rank, after_name=True) == 1
    assert proclitic_length("وفاء", rank, after_name=True) == 0


def test_names_that_begin_like_a_clitic_stay_whole():
    for name in ("وليد", "بوش", "لبنان", "بيونغ", "كوفي"):
        assert proclitic_length(name, rank) == 0


def test_assimilated_article_keeps_its_preposition():
    assert proclitic_length("للولايات", rank) == 0


def test_without_a_vocabulary_only_the_article_rule_applies():
    assert proclitic_length("وبلير") == 0


def test_lil_is_read_as_lam_and_the_article_and_the_lam_stays():
    known = {"المملكة"}
    assert article_forms("المملكة", known) == [("", "المملكة")]
    assert article_forms("للمملكة", known) == [("", "المملكة")]
    assert article_forms("وللمملكة", known) == [("و", "المملكة")]
    assert article_forms("لمملكة", known) == []


def test_like_and_so_go_only_before_a_much_more_frequent_word():
    # «كتركيا» is 286 times rarer than «تركيا»; «كعبد» and «فالدوسري» are no words of the vocabulary.
    assert proclitic_length("كتركيا", rank) == 1
    assert proclitic_length("كعبد", rank) == 1
    assert proclitic_length("فالدوسري", rank) == 1
    # the names «كميل» and «فتحية» are only 6.1 and 4.8 times rarer than «ميل» and «تحية»; «فيصل» is the
    # more frequent form; «ييل» is too rare a word to tell
    assert proclitic_length("كميل", rank) == 0
    assert proclitic_length("فتحية", rank) == 0
    assert proclitic_length("فيصل", rank) == 0
    assert proclitic_length("كييل", rank) == 0


def test_like_and_so_stay_before_a_clitic_letter_a_bare_alef_or_a_verb():
    # «كوفي» is not ك + «وفي» though «وفي» is among the most frequent words; «فاني» is not ف + «اني»;
    # «فيدل» and «كيرى» (Kerry) are not ف + «يدل» or ك + «يرى», verbs far more frequent than them
    assert proclitic_length("كوفي", rank) == 0
    assert proclitic_length("فاني", rank) == 0
    assert proclitic_length("فيدل", rank) == 0
    assert proclitic_length("كيرى", rank) == 0


def test_no_preposition_comes_before_and():
    # «وروسيا» (and Russia) is 6 times more frequent than «بوروسيا» (Borussia), but «ب» + «و» is no
    # Arabic order; «بوزارة» still loses its «ب»: «زارة» is no word.
    assert proclitic_length("بوروسيا", rank) == 0
    assert proclitic_length("بوزارة", rank) == 1
    # «و» as a root letter: «وردة» (a rose; the singer Warda) is a word of its own, only 2.6 times rarer
    # than «ردة», so «لوردة» is ل + «وردة»; so is «لوودرو» (Woodrow) with «وودرو» 1.5 times rarer than «ودرو»
    assert proclitic_length("لوردة", rank) == 1
    assert proclitic_length("لوودرو", rank) == 1
