from entities.patterns import (
    drop_divine_names,
    group_noun,
    join_name_particles,
    pattern_mentions,
    persons_after_titles,
    retype_clubs,
    retype_media,
)
from entities.schema import Mention
from entities.tokenize import split_sentences


def tag(text: str, surface: str, label: str) -> Mention:
    """A name the tagger is taken to have found: the first occurrence of ``surface``."""
    start = text.find(surface)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def names(text: str, tagged: list[Mention] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in pattern_mentions(text, split_sentences(text), tagged or [])]


def test_ministry_with_its_nationality_is_an_organisation():
    text = "حسبما أعلنت وزارة الخارجية الروسية في بيان."
    assert names(text) == [("وزارة الخارجية الروسية", "ORG")]


def test_proclitic_stays_outside_the_name():
    assert names("وفق بيان صادر عن ووزارة الدفاع.") == [("وزارة الدفاع", "ORG")]


def test_head_without_a_definite_word_is_not_a_name():
    assert names("قالت وزارة إن الأمر انتهى.") == []


def test_the_ministry_named_before_is_not_a_name():
    assert names("وأوضح أن الوزارة المعنية ستتابع تطبيق القرار.") == []
    assert names("وأطلقت الوزارة الخدمات الإلكترونية أمس.") == []


def test_a_bank_goes_on_over_masculine_adjectives_only():
    assert names("وارتفع سهم البنك السعودي الفرنسي الذي أعلن أرباحه.") == [("البنك السعودي الفرنسي", "ORG")]
    # a noun after the head is the sentence's next part, not the bank's name
    assert names("ويتبنى البنك الارتقاء بأداء العاملين.") == []
    assert names("وبلغت قيمة البنك السوقية خمسة مليارات.") == []


def test_a_banks_own_name_is_free_and_the_words_after_it_are_adjectives():
    text = "وارتفع سهم مصرف الراجحي الأكثر نشاطا، وسهم بنك أبوظبي الوطني."
    tagged = [tag(text, "أبوظبي", "LOC")]
    assert names(text, tagged) == [("مصرف الراجحي", "ORG"), ("بنك أبوظبي الوطني", "ORG")]


def test_tagger_spans_are_kept_over_patterns():
    text = "أعلنت وزارة الخارجية الروسية ذلك."
    tagged = [tag(text, "الخارجية الروسية", "ORG")]
    assert names(text, tagged) == [("الخارجية الروسية", "ORG")]


def test_company_name_runs_over_a_genitive_with_lil():
    text = "زار السفير الشركة السعودية للكهرباء بالرياض."
    assert names(text) == [("الشركة السعودية للكهرباء", "ORG")]


def test_building_takes_in_the_person_it_is_named_after():
    text = "قام الرئيس بزيارة إلى مسجد الحسن الثاني بالدار البيضاء."
    tagged = [tag(text, "الحسن الثاني", "PER")]
    assert names(text, tagged) == [("مسجد الحسن الثاني", "LOC")]


def test_building_does_not_take_in_a_name_of_another_kind():
    text = "صلى في مسجد القاهرة الكبير."
    tagged = [tag(text, "القاهرة", "LOC")]
    assert names(text, tagged) == [("القاهرة", "LOC")]


def test_university_named_after_a_place_takes_the_place_in():
    text = "استقبل السفير وفدا من جامعة جازان في أوتاوا."
    tagged = [tag(text, "جازان", "LOC"), tag(text, "أوتاوا", "LOC")]
    assert names(text, tagged) == [("جامعة جازان", "ORG"), ("أوتاوا", "LOC")]


def test_names_stop_before_relative_pronouns_honorifics_and_a_dangling_title():
    text = "قال مجلس الوزراء الدكتور سالم إن المجلس التنفيذي الذي اجتمع أمس وافق. وحضر مجلس القضاء الإداري الشيخ."
    assert names(text) == [("مجلس القضاء الإداري", "ORG")]


def test_a_personal_name_continues_a_name_after_a_royal_title():
    text = "وصل إلى مطار الملك خالد الدولي طلاب جامعة الإمام محمد بن سعود."
    assert names(text) == [("مطار الملك خالد الدولي", "LOC"), ("جامعة الإمام محمد بن سعود", "ORG")]


def test_a_building_named_after_a_prince_takes_in_his_whole_name_and_its_adjective():
    # the tagger reads the prince and the adjective after him as one person
    text = "كان في استقباله بمطار الأمير محمد بن عبدالعزيز الدولي وكيل الإمارة، ثم زار مستشفى الملك عبد العزيز التخصصي."
    tagged = [tag(text, "محمد بن عبدالعزيز الدولي", "PER"), tag(text, "عبد العزيز التخصصي", "PER")]
    assert names(text, tagged) == [
        ("مطار الأمير محمد بن عبدالعزيز الدولي", "LOC"),
        ("مستشفى الملك عبد العزيز التخصصي", "LOC"),
    ]


def test_a_building_takes_one_word_after_the_person_and_none_after_a_city_or_a_dash():
    text = (
        "وأشاد بإنجازات مستشفى الملك فهد بجدة الصرح الطبي، ومستشفى الملك خالد الجامعي الكبير"
        " وشارع علي بن أبي طالب- أمس."
    )
    tagged = [tag(text, "فهد بجدة", "PER"), tag(text, "خالد", "PER"), tag(text, "علي بن أبي طالب", "PER")]
    assert names(text, tagged) == [
        ("مستشفى الملك فهد بجدة", "LOC"),
        ("مستشفى الملك خالد الجامعي", "LOC"),
        ("شارع علي بن أبي طالب", "LOC"),
    ]


def test_a_council_does_not_run_into_the_person_named_after_it():
    assert names("قال المجلس الأعلى للقضاء الشيخ محمد العيسى إن الجلسة انتهت.") == [("المجلس الأعلى للقضاء", "ORG")]


def person_names(text: str, words: str) -> list[str]:
    """Names the pipeline gives when the tagger marks ``words`` (consecutive tokens of ``text``) PER."""
    from entities import Pipeline
    from entities.ner import TaggedSpan

    class NoTagger:
        def tag(self, sentences):
            return []

        def word_rank(self, word):
            return None

    sentences = split_sentences(text)
    tokens = [t.text for t in sentences[0].tokens]
    first = tokens.index(words.split()[0])
    span = TaggedSpan(0, first, first + len(words.split()) - 1, "PER")
    tagged = [[span]] + [[] for _ in sentences[1:]]
    return [m.text for m in Pipeline(NoTagger()).names(text, sentences, tagged) if m.label == "PER"]


def test_words_describing_a_person_are_left_out_of_the_name():
    assert person_names("وسدد الكرة للحارس هيلتون بقوة.", "للحارس هيلتون") == ["هيلتون"]
    assert person_names("وأضاف الهدف الثاني والبرتغالي تياغو في الدقيقة 60.", "والبرتغالي تياغو") == ["تياغو"]
    assert person_names("تابعها مواطنه جونينيو بسهولة.", "مواطنه جونينيو") == ["جونينيو"]


def test_two_people_run_together_over_a_conjunction_and_a_title_are_two():
    text = "في عهد الملكين فهد والملك عبد الله قبل ذلك."
    assert person_names(text, "فهد والملك عبد الله") == ["فهد", "عبد الله"]
    text = "التقى باراك أوباما والرئيس الفرنسي فرانسوا هولاند أمس."
    assert person_names(text, "باراك أوباما والرئيس الفرنسي فرانسوا هولاند") == ["باراك أوباما", "فرانسوا هولاند"]
    assert person_names("وصل فهد والملك أمس.", "فهد والملك") == ["فهد والملك"]  # no name after the title


def test_a_describing_word_alone_or_inside_a_name_stays():
    assert person_names("وقال البرازيلي إنه سعيد.", "البرازيلي") == ["البرازيلي"]
    assert person_names("قال أبو أيوب المصري في تسجيل.", "أبو أيوب المصري") == ["أبو أيوب المصري"]


def test_a_state_named_by_its_form_of_government_keeps_the_lam_of_lil():
    text = "وصل الرئيس في زيارة رسمية للمملكة المغربية تستغرق ثلاثة أيام."
    assert names(text) == [("للمملكة المغربية", "LOC")]
    assert names("وعاد من وللمملكة المغربية.") == [("للمملكة المغربية", "LOC")]  # the «و» is left out


def test_a_state_takes_in_the_country_the_tagger_found_and_stops_before_describing_words():
    text = "زار جمهورية مصر العربية الشقيقة."
    tagged = [tag(text, "مصر", "LOC")]
    assert names(text, tagged) == [("جمهورية مصر العربية", "LOC")]
    assert names("قال رئيس الجمهورية الأسبق ذلك.") == []


def test_a_state_ends_before_an_adjective_that_does_not_agree_with_it():
    assert names("وقال مندوب المملكة الدائم لدى الأمم المتحدة إن القرار صدر.") == []
    assert names("وترأس الوزير وفد المملكة المشارك في المنتدى.") == []
    assert names("وزار الوفد المملكة المغربية أمس.") == [("المملكة المغربية", "LOC")]


def test_a_sea_takes_in_the_place_it_is_named_after_and_nothing_else():
    text = "عبرت السفن بحر اليابان ثم بحر قزوين"
    tagged = [tag(text, "بحر", "LOC"), tag(text, "اليابان", "LOC"), tag(text, "قزوين", "LOC")]
    assert names(text, tagged) == [("بحر اليابان", "LOC"), ("بحر قزوين", "LOC")]
    assert names("يصل في بحر الأسبوع المقبل") == []  # «within the week»: no place follows
    text = "في بحر العرب"
    assert names(text, [tag(text, "العرب", "ORG")]) == [("العرب", "ORG")]  # only a place continues it


def test_a_prayer_after_a_name_is_left_out_of_it():
    text = "وقال الملك سلمان بن عبدالعزيز حفظه الله إن المملكة ماضية."
    assert person_names(text, "سلمان بن عبدالعزيز حفظه الله") == ["سلمان بن عبدالعزيز"]
    assert person_names("قال عمر بن الخطاب رضي الله عنه كلمة.", "عمر بن الخطاب رضي الله عنه") == ["عمر بن الخطاب"]
    assert person_names("وكان رحمه الله كريما.", "رحمه الله") == []  # only a prayer: no name
    assert person_names("وقال رجب طيب أردوغان إن", "رجب طيب أردوغان") == ["رجب طيب أردوغان"]  # no «الله» after


def test_a_place_behind_a_proclitic_is_no_part_of_a_persons_name():
    assert person_names("وقد زار قاسم سليماني لموسكو مرتين.", "قاسم سليماني لموسكو") == ["قاسم سليماني"]
    assert person_names("قال ممثل الأمم المتحدة بأفغانستان هانز أوليش إن", "بأفغانستان هانز أوليش") == ["هانز أوليش"]
    assert person_names("ويقيم صالح بعدن منذ أشهر.", "صالح بعدن") == ["صالح"]
    assert person_names("وقال فيصل بن بندر إن", "فيصل بن بندر") == ["فيصل بن بندر"]


def test_the_plural_of_a_nisba_names_a_group_and_no_person():
    vocabulary = {"سياسي": 2270, "المصري": 481, "الحوثي": 552, "لي": 803}.get
    assert group_noun("سياسيون", vocabulary) and group_noun("المصريون", vocabulary)
    assert group_noun("الحوثيين", vocabulary)
    assert not group_noun("نابليون", vocabulary)  # «نابلي» is no word
    assert not group_noun("ليون", vocabulary)  # «لي» is too short to be the singular
    assert not group_noun("كلينتون", vocabulary)


def test_university_with_a_long_person_name_and_its_adjective_is_one_organisation():
    text = "وتخرج من جامعة الإمام محمد بن سعود الإسلامية في الرياض."
    tagged = [tag(text, "محمد بن سعود الإسلامية", "PER"), tag(text, "الرياض", "LOC")]
    assert names(text, tagged) == [("جامعة الإمام محمد بن سعود الإسلامية", "ORG"), ("الرياض", "LOC")]


def test_institution_named_after_a_king_is_no_person():
    text = "ونقل المصاب إلى مدينة الملك عبدالله الطبية بمكة."
    tagged = [tag(text, "عبدالله الطبية", "PER")]
    assert names(text, tagged) == [("مدينة الملك عبدالله الطبية", "ORG")]


def test_institution_name_goes_on_over_a_second_purpose_with_wa():
    text = "وقدم مركز الملك سلمان للإغاثة والأعمال الإنسانية مساعدات لليمن."
    tagged = [tag(text, "سلمان", "PER")]
    assert names(text, tagged) == [("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "ORG")]


def test_institution_head_without_a_personal_title_heads_nothing():
    assert names("ووصل إلى مدينة جدة أمس.", []) == []
    assert names("وافتتح مركز الدراسات الاستراتيجية فرعا جديدا.") == []


def test_a_company_does_not_go_on_over_wa():
    text = "وقالت الشركة السعودية للكهرباء والمواطنون ينتظرون."
    assert names(text) == [("الشركة السعودية للكهرباء", "ORG")]


def test_institution_does_not_take_in_the_person_after_its_name():
    text = "وقال مركز الملك سلمان للإغاثة والأعمال الإنسانية رأفت الصباغ إن القافلة وصلت."
    tagged = [tag(text, "سلمان", "PER"), tag(text, "رأفت الصباغ", "PER")]
    assert names(text, tagged) == [("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "ORG"), ("رأفت الصباغ", "PER")]


def test_university_does_not_take_in_the_next_place_of_a_list():
    text = "في أحياء جامعة الدمام والصفا والسيف بالمدينة."
    tagged = [tag(text, "الدمام", "LOC"), tag(text, "الصفا", "LOC"), tag(text, "السيف", "LOC")]
    assert names(text, tagged) == [("جامعة الدمام", "ORG"), ("الصفا", "LOC"), ("السيف", "LOC")]


def test_a_post_after_an_institution_is_not_part_of_its_name():
    text = "وقال مركز الملك فيصل للبحوث المشرف العام على المشروع إن العمل بدأ."
    tagged = [tag(text, "فيصل", "PER")]
    assert names(text, tagged) == [("مركز الملك فيصل للبحوث", "ORG")]


def test_a_name_that_begins_like_a_club_is_an_organisation():
    text = "وفاز دينامو كييف على لدينامو زغرب، وقال إنتر ميلان إن دينا سعيدة."
    tagged = [tag(text, "دينامو كييف", "PER"), tag(text, "لدينامو زغرب", "LOC"), tag(text, "إنتر ميلان", "ORG")]
    tagged.append(tag(text, "دينا", "PER"))
    assert [m.label for m in retype_clubs(text, tagged)] == ["ORG", "ORG", "ORG", "PER"]


def test_a_club_word_the_tagger_left_out_goes_into_the_name_after_it():
    text = "وتعادل لسسكا موسكو مع ضيفه، وزار الوفد موسكو."
    tagged = [
        tag(text, "موسكو", "LOC"),
        Mention(text="موسكو", label="LOC", start=text.rfind("موسكو"), end=len(text) - 1),
    ]
    assert [(m.text, m.label) for m in retype_clubs(text, tagged)] == [("سسكا موسكو", "ORG"), ("موسكو", "LOC")]


def test_a_club_word_tagged_as_a_name_of_its_own_joins_the_name_after_it():
    text = "وقع عقدا مع سبورتينغ لشبونة، ثم زار لشبونة."
    tagged = [tag(text, "سبورتينغ", "ORG"), tag(text, "لشبونة", "LOC"), _at(text, "لشبونة", "LOC", 1)]
    found = [(m.text, m.label, m.start) for m in retype_clubs(text, tagged)]
    assert found == [("سبورتينغ لشبونة", "ORG", text.index("سبورتينغ")), ("لشبونة", "LOC", text.rindex("لشبونة"))]


def _at(text: str, surface: str, label: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def test_the_name_after_a_newspapers_word_is_the_newspaper_not_the_place():
    text = "وقال متعب بحسب صحيفة مكة إن الأمين زار مكة، ووفقاً لصحيفة “الرياض” ومجلة «بيروت» وجريدة الرياض."
    tagged = [
        _at(text, "مكة", "LOC"),
        _at(text, "مكة", "LOC", 1),
        _at(text, "الرياض", "LOC"),
        _at(text, "بيروت", "LOC"),
        _at(text, "الرياض", "PER", 1),
    ]
    assert [m.label for m in retype_media(text, tagged)] == ["ORG", "LOC", "ORG", "ORG", "ORG"]


def test_a_place_after_television_or_inside_a_word_keeps_its_label():
    # ANERcorp tags «تلفزيون دبي» a place; in «والصحيفةمكة» no space parts the name from the word before
    text = "وبث تلفزيون دبي الخبر، وقرأ عبر قناة السويس والصحيفةمكة."
    tagged = [_at(text, "دبي", "LOC"), _at(text, "قناة السويس", "LOC"), _at(text, "مكة", "LOC")]
    assert [m.label for m in retype_media(text, tagged)] == ["LOC", "LOC", "LOC"]


def test_a_pattern_name_ends_before_a_word_for_the_meeting_or_the_decision():
    assert names("وقال خلال جلسة مجلس الوزراء الأسبوعية أمس.") == []  # «مجلس الوزراء» alone is too short
    assert names("وقرر مجلس الشورى السعودي الموافقة على النظام.") == [("مجلس الشورى السعودي", "ORG")]
    assert names("وأعلنت شركة الاتصالات العملاقة أرباحها.") == [("شركة الاتصالات", "ORG")]


def test_a_persons_name_goes_on_over_a_particle_it_ended_on():
    text = "قال الأمير عبدالعزيز بن سطام بن عبدالعزيز، وأكد الدكتور حامد آل غرامة، 2015."
    tagged = [tag(text, "عبدالعزيز بن", "PER"), tag(text, "سطام بن عبدالعزيز", "PER"), tag(text, "حامد آل", "PER")]
    assert [(m.text, m.label) for m in join_name_particles(text, tagged)] == [
        ("عبدالعزيز بن سطام بن عبدالعزيز", "PER"),
        ("حامد آل غرامة", "PER"),
    ]


def test_a_particle_before_a_number_or_a_name_of_another_kind_ends_the_name_as_tagged():
    text = "وقال محمد بن 2015 إن خالد بن مصر."
    tagged = [tag(text, "محمد بن", "PER"), tag(text, "خالد بن", "PER"), tag(text, "مصر", "LOC")]
    assert [m.text for m in join_name_particles(text, tagged)] == ["محمد بن", "خالد بن", "مصر"]


def test_a_one_word_place_after_a_royal_title_is_the_person_and_goes_into_the_place_named_after_him():
    text = "ونقل إلى مستشفى الملك فهد ثم عبر جسر الملك فهد ووصل الشيخ زويد وطريق السلام."
    second = text.rfind("فهد")
    tagged = [tag(text, "فهد", "LOC"), Mention(text="فهد", label="LOC", start=second, end=second + 3)]
    tagged.append(tag(text, "زويد", "LOC"))
    persons = persons_after_titles(text, tagged)
    assert [m.label for m in persons] == ["PER", "PER", "LOC"]  # «الشيخ زويد» is a town
    found = pattern_mentions(text, split_sentences(text), persons)
    assert [(m.text, m.label) for m in found] == [
        ("مستشفى الملك فهد", "LOC"),
        ("جسر الملك فهد", "LOC"),
        ("زويد", "LOC"),
    ]


def test_gods_names_after_allah_are_no_person_and_a_person_after_allah_stays():
    text = "مبتهلين إلى الله العلي القدير، وقال آية الله علي السيستاني إن الله سبحانه وتعالى رحيم."
    found = [tag(text, "العلي القدير", "PER"), tag(text, "علي السيستاني", "PER"), tag(text, "سبحانه وتعالى", "PER")]
    kept = drop_divine_names(text, found)
    assert [m.text for m in kept] == ["علي السيستاني"]
    place = [tag(text, "العلي القدير", "LOC")]
    assert drop_divine_names(text, place) == place
