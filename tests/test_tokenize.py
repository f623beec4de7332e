from entities.tokenize import split_sentences, tokenize

TEXT = "اجتمع لافروف مع تشوي سون-هوي في “تلغرام” يوم 12 حزيران/ يونيو 2024. ثم غادر!"


def test_offsets_point_into_the_original_text():
    for token in tokenize(TEXT):
        assert TEXT[token.start : token.end] == token.text


def test_hyphenated_transliteration_stays_one_token():
    assert "سون-هوي" in [t.text for t in tokenize(TEXT)]


def test_punctuation_and_slash_are_split_off():
    words = [t.text for t in tokenize(TEXT)]
    assert "“" in words and "تلغرام" in words and "حزيران" in words and "/" in words


def test_sentences_split_at_full_stop_and_keep_offsets():
    sentences = split_sentences(TEXT)
    assert len(sentences) == 2
    assert TEXT[sentences[1].start : sentences[1].end] == "ثم غادر!"


def test_a_title_abbreviation_before_a_name_ends_no_sentence():
    text = "استقبل الأمير د. ماجد القحطاني. ثم غادر."
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == ["استقبل الأمير د. ماجد القحطاني.", "ثم غادر."]
    assert [t.text for t in sentences[0].tokens][2:4] == ["د.", "ماجد"]


def test_overlong_sentence_is_cut_into_windows():
    text = " ".join(["كلمة"] * 450)
    sentences = split_sentences(text, max_tokens=200)
    assert [len(s.tokens) for s in sentences] == [200, 200, 50]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\t ") == []


def test_full_stop_after_a_closing_quote_is_split_off():
    assert [t.text for t in tokenize("وكالة “تاس”.")] == ["وكالة", "“", "تاس", "”", "."]


def test_opening_quote_or_bracket_after_a_letter_is_split_off_with_the_letters_before_it():
    text = "وأكد مصدر لـ«الشرق الأوسط» أن و(داعش) خسر، وقال ل“الحياة” ذلك."
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    assert words[2:7] == ["لـ", "«", "الشرق", "الأوسط", "»"]
    assert words[8:12] == ["و", "(", "داعش", ")"]
    assert words[15:19] == ["ل", "“", "الحياة", "”"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_quote_between_letters_and_a_title_against_a_name_are_split_off():
    text = 'قال د.ماجد ل"الوطن" و»الجزيرة« إن فيديريكا»والكل العزيز:»إن'
    words = [t.text for t in tokenize(text)]
    assert words == [
        "قال", "د.", "ماجد", "ل", '"', "الوطن", '"', "و", "»", "الجزيرة", "«", "إن",
        "فيديريكا", "»", "والكل", "العزيز", ":", "»", "إن",
    ]  # fmt: skip


def test_a_stop_with_no_space_after_it_between_words_is_split_off():
    words = [t.text for t in tokenize("بعد الإفطار،وقال إن العالم.نشرت")]
    assert words == ["بعد", "الإفطار", "،", "وقال", "إن", "العالم", ".", "نشرت"]


def test_a_stop_glued_between_words_ends_the_sentence():
    text = "وصل أعضاء الوفد إلى الأردن.وفي دمشق التقى المبعوث الوزير. وذكر موقع العربية.نت ذلك."
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert sentences == ["وصل أعضاء الوفد إلى الأردن.", "وفي دمشق التقى المبعوث الوزير.", "وذكر موقع العربية.نت ذلك."]


def test_dotted_abbreviations_and_web_addresses_stay_whole():
    text = "ص.ب 123 في ق.م و او.سي.اي وإن.بي.سي عبر www.spa.gov.sa و http://العربية.نت/x و google.com"
    words = [t.text for t in tokenize(text)]
    assert {"ص.ب", "ق.م", "او.سي.اي", "وإن.بي.سي", "www.spa.gov.sa", "http://العربية.نت/x", "google.com"} <= set(words)


def test_a_full_stop_after_a_diacritic_or_another_stop_is_split_off():
    words = [t.text for t in tokenize("قال عليٌّ. مضى عامًا. وكانت!. ثم")]
    assert words == ["قال", "عليٌّ", ".", "مضى", "عامًا", ".", "وكانت", "!", ".", "ثم"]


def test_a_dash_before_a_word_is_split_off_and_one_after_or_between_letters_stays():
    text = "عبدالله البرقاوي- الرياض: قال سلمان -حفظه الله- إن رولز-رويس"
    words = [t.text for t in tokenize(text)]
    assert words == [
        "عبدالله", "البرقاوي-", "الرياض", ":", "قال", "سلمان", "-", "حفظه", "الله-", "إن", "رولز-رويس",
    ]  # fmt: skip


def test_a_title_before_another_title_is_split_off_but_dotted_letters_stay_whole():
    words = [t.text for t in tokenize("أ.د.محمد و د.ب.أ-أيه.إف.إكس")]
    assert words == ["أ.", "د.", "محمد", "و", "د.ب.أ-أيه.إف.إكس"]


def test_token_owners_maps_each_sentence_token_to_its_span():
    from entities.schema import Span
    from entities.tokenize import token_owners

    text = "التقى سيرغي لافروف كيم. ثم زار وونسان."
    sentences = split_sentences(text)
    spans = [Span(text=w, start=text.find(w), end=text.find(w) + len(w)) for w in ("سيرغي لافروف", "وونسان")]
    owners = list(token_owners(sentences, spans))
    expected = [{1: "سيرغي لافروف", 2: "سيرغي لافروف"}, {2: "وونسان"}]
    assert [{i: s.text for i, s in o.items()} for o in owners] == expected
