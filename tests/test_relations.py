"""The rule layer on sentences written for these tests, with the names marked by hand.

Marking names by hand isolates the rules from the NER model: each test states a construction and the
relations it must (or must not) produce.
"""

import pytest

from entities.relations import RuleSet
from entities.resolve import resolve_entities
from entities.schema import Mention
from entities.tokenize import split_sentences


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.default()


def extract(rules: RuleSet, text: str, **names: str) -> set[tuple[str, ...]]:
    """Relations as (type, name, name-or-place) with symmetric pairs sorted; names map surface → label."""
    mentions = []
    for surface, label in names.items():
        surface = surface.replace("_", " ")
        start = text.find(surface)
        assert start != -1, surface
        while start != -1:
            mentions.append(Mention(text=surface, label=label, start=start, end=start + len(surface)))
            start = text.find(surface, start + len(surface))
    mentions.sort(key=lambda m: m.start)
    entities, mentions = resolve_entities(mentions)
    name = {e.id: e.name for e in entities}
    found = set()
    for r in rules.apply(text, split_sentences(text), mentions, entities):
        pair = (name[r.source], name[r.target])
        found.add((r.type, *(sorted(pair) if r.type != "VISITED" else pair)))
    return found


def met(a: str, b: str) -> tuple[str, ...]:
    return ("MET", *sorted((a, b)))


def test_verb_subject_object_reception(rules):
    text = "استقبل الرئيس المصري عبد الفتاح السيسي أمس وزير الخارجية الفرنسي جان إيف لودريان في القاهرة."
    found = extract(rules, text, عبد_الفتاح_السيسي="PER", جان_إيف_لودريان="PER", القاهرة="LOC")
    assert found == {met("عبد الفتاح السيسي", "جان إيف لودريان")}


def test_subject_with_apposition_before_the_verb(rules):
    text = "وكان الوزير سامح شكري، وزير الخارجية، التقى نظيره الأردني أيمن الصفدي في عمان أمس."
    assert extract(rules, text, سامح_شكري="PER", أيمن_الصفدي="PER", عمان="LOC") == {met("سامح شكري", "أيمن الصفدي")}


def test_meeting_place_is_kept_on_the_relation(rules):
    text = "اجتمع وزير الخارجية أيمن الصفدي مع نظيره سامح شكري في مدينة العقبة."
    mentions = []
    for surface, label in (("أيمن الصفدي", "PER"), ("سامح شكري", "PER"), ("العقبة", "LOC")):
        start = text.find(surface)
        mentions.append(Mention(text=surface, label=label, start=start, end=start + len(surface)))
    entities, mentions = resolve_entities(mentions)
    [relation] = rules.apply(text, split_sentences(text), mentions, entities)
    assert relation.type == "MET" and relation.place == entities[2].id
    assert relation.trigger.text == "اجتمع" and relation.evidence.text == text


def test_passive_reception_with_agent(rules):
    text = "وأفادت الوكالة بأن بلينكن استُقبل من قبل محمد بن سلمان في جدة."
    assert extract(rules, text, بلينكن="PER", محمد_بن_سلمان="PER", جدة="LOC") == {met("بلينكن", "محمد بن سلمان")}


def test_coordinated_partners_each_get_an_edge(rules):
    text = "التقى الرئيس إيمانويل ماكرون المستشار أولاف شولتس ورئيسة الوزراء جورجيا ميلوني في روما."
    found = extract(rules, text, إيمانويل_ماكرون="PER", أولاف_شولتس="PER", جورجيا_ميلوني="PER", روما="LOC")
    assert found == {met("إيمانويل ماكرون", "أولاف شولتس"), met("إيمانويل ماكرون", "جورجيا ميلوني")}


def test_phone_call_is_called_never_met(rules):
    text = "تلقى الملك عبدالله الثاني اتصالا هاتفيا من الرئيس إيمانويل ماكرون بحثا خلاله الأوضاع."
    found = extract(rules, text, عبدالله_الثاني="PER", إيمانويل_ماكرون="PER")
    assert found == {("CALLED", *sorted(("عبدالله الثاني", "إيمانويل ماكرون")))}


def test_possessive_visit_goes_to_the_guest(rules):
    text = "استقبل أمير قطر تميم بن حمد الرئيس رجب طيب أردوغان خلال زيارته إلى الدوحة."
    found = extract(rules, text, تميم_بن_حمد="PER", رجب_طيب_أردوغان="PER", الدوحة="LOC")
    assert found == {met("تميم بن حمد", "رجب طيب أردوغان"), ("VISITED", "رجب طيب أردوغان", "الدوحة")}


def test_visit_noun_with_actor_and_destination(rules):
    text = "وجاءت الخطوة بعد زيارة قام بها وزير الدفاع لويد أوستن إلى كييف الشهر الماضي."
    assert extract(rules, text, لويد_أوستن="PER", كييف="LOC") == {("VISITED", "لويد أوستن", "كييف")}


def test_attendees_are_not_participants(rules):
    text = "استقبل الملك سلمان الرئيس جو بايدن بحضور ولي العهد محمد بن سلمان."
    found = extract(rules, text, الملك_سلمان="PER", جو_بايدن="PER", محمد_بن_سلمان="PER")
    assert found == {met("الملك سلمان", "جو بايدن")}


@pytest.mark.parametrize(
    "text",
    [
        "وسيلتقي بلينكن غدا محمد بن سلمان في الرياض.",
        "ومن المقرر أن يلتقي بلينكن محمد بن سلمان في الرياض.",
        "ونفى بلينكن أنه رفض لقاء محمد بن سلمان في الرياض.",
        "وقال بلينكن إن محمد بن سلمان يدعم الاتفاق.",
        "بعث بلينكن برقية تهنئة إلى محمد بن سلمان.",
        "وسيعقد بلينكن اجتماعا مع محمد بن سلمان في الرياض.",
        "وقرر بلينكن تأجيل لقائه مع محمد بن سلمان في الرياض.",
    ],
)
def test_future_denied_and_co_mentioned_give_nothing(rules, text):
    assert extract(rules, text, بلينكن="PER", محمد_بن_سلمان="PER") == set()


def test_an_arrival_after_a_future_auxiliary_has_not_happened(rules):
    text = "وقال إن توقيع بلينكن على الاتفاق سيكون بعد وصوله إلى الرياض."
    assert extract(rules, text, بلينكن="PER", الرياض="LOC") == set()


def test_a_cancelled_visit_did_not_happen_but_min_ajl_cancels_nothing(rules):
    text = "وألغى بلينكن زيارته المقررة إلى الرياض بسبب الأحداث."
    assert extract(rules, text, بلينكن="PER", الرياض="LOC") == set()
    # «من أجل» (for the sake of) is no «أجّل» (postponed)
    held = "وقالت السفارة إنها تسعى من أجل تعزيز التعاون بعد مباحثات جمعت الوزيرة ليلى حداد مع نظيرها كارلوس مينا."
    assert extract(rules, held, ليلى_حداد="PER", كارلوس_مينا="PER") == {met("ليلى حداد", "كارلوس مينا")}


def test_the_person_whose_directives_an_act_carries_out_took_no_part(rules):
    names = {"منصور_العتيبي": "PER", "المكلا": "LOC"}
    ship = "ووصلت اليوم سفينة المساعدات إلى ميناء المكلا تنفيذا لتوجيهات الوزير منصور العتيبي."
    assert extract(rules, ship, **names) == set()
    led = "ووصلت اليوم قافلة المساعدات إلى المكلا وعلى متنها فريق برئاسة المهندس طارق الزهراني."
    assert extract(rules, led, طارق_الزهراني="PER", المكلا="LOC") == {("VISITED", "طارق الزهراني", "المكلا")}


def test_the_person_in_whose_name_one_receives_is_no_participant(rules):
    text = "نيابة عن رئيس الجمعية الدكتور نبيل الخطيب، استقبل المهندس رامي السعدي أمس وفدا من المتطوعين."
    assert extract(rules, text, نبيل_الخطيب="PER", رامي_السعدي="PER") == set()


def test_receiving_condolences_is_no_meeting(rules):
    text = "وقدم الوزير هشام النمر واجب العزاء، وكان في مقدمة مستقبلي العزاء شقيقا الراحل وائل وباسل."
    assert extract(rules, text, هشام_النمر="PER", وائل="PER", باسل="PER") == set()


def test_an_invitation_or_a_refusal_is_no_event(rules):
    invited = "ودعا الرئيس أنور الحكيم نظيره جورج سمعان إلى زيارة بيروت في أقرب وقت."
    assert extract(rules, invited, أنور_الحكيم="PER", جورج_سمعان="PER", بيروت="LOC") == set()
    refused = "وذكرت الصحيفة أن الوزير يوسف البنا يرفض لقاء المبعوث كريم داود في تونس."
    assert extract(rules, refused, يوسف_البنا="PER", كريم_داود="PER", تونس="LOC") == set()


def test_a_transfer_or_a_request_is_no_journey(rules):
    signed = "واستقطب النادي المدافع سامر الحربي قادما من الطائف بعقد لموسمين."
    assert extract(rules, signed, سامر_الحربي="PER", الطائف="LOC") == set()
    asked = "وأشار المتحدث إلى أن المحافظ نادر العلي طلب زيارة فرق الإنقاذ إلى تعز."
    assert extract(rules, asked, نادر_العلي="PER", تعز="LOC") == set()


def test_the_parties_of_a_meeting_follow_bayna_and_a_reported_clause_holds_none(rules):
    text = "ونشر المتحدث خالد منصور البيان عقب لقاء جرى في الدوحة بين الوسيط جان بيرو والوزير ماهر سلامة."
    names = {"خالد_منصور": "PER", "جان_بيرو": "PER", "ماهر_سلامة": "PER", "الدوحة": "LOC"}
    assert extract(rules, text, **names) == {met("جان بيرو", "ماهر سلامة")}
    reported = "وقال السفير عمرو الشاذلي في لقاء جمعه بالصحفيين أن الكاتب حازم رضا لا يمثل الحكومة."
    assert extract(rules, reported, عمرو_الشاذلي="PER", حازم_رضا="PER") == set()


def test_an_event_still_to_come_and_the_remains_of_the_dead_give_nothing(rules):
    coming = "وتناولت الصحف المباحثات المرتقبة بين الوزيرة منى الشريف ونظيرها توماس فيشر."
    assert extract(rules, coming, منى_الشريف="PER", توماس_فيشر="PER") == set()
    remains = "ووصل جثمان الفنان الراحل عادل الغامدي إلى أبها حيث يوارى الثرى بعد صلاة العصر."
    assert extract(rules, remains, عادل_الغامدي="PER", أبها="LOC") == set()
    excepted = "وأكد الجهاز الفني أن أفراد البعثة وصلوا إلى الدمام عدا الحارس نواف القرني."
    assert extract(rules, excepted, نواف_القرني="PER", الدمام="LOC") == set()


def test_a_persons_kin_and_the_rite_of_the_visit_give_no_relation_to_the_person(rules):
    kin = "واستقبل المحافظ سلمان الراشد أمس أبناء الشيخ ناصر العبيد الذين قدموا للسلام عليه."
    assert extract(rules, kin, سلمان_الراشد="PER", ناصر_العبيد="PER") == set()
    rite = "وتلقى الأمين العام لبرنامج الحج والعمرة والزيارة المهندس فارس القحطاني رسائل من ضيوف من إندونيسيا."
    assert extract(rules, rite, فارس_القحطاني="PER", إندونيسيا="LOC") == set()


def test_an_interview_the_people_present_and_a_place_left_behind_give_no_relation(rules):
    interview = "وتحدث المطرب وليد فهمي خلال اللقاء الصحفي مع الإعلامي نادر الشهري عن ألبومه."
    assert extract(rules, interview, وليد_فهمي="PER", نادر_الشهري="PER") == set()
    present = "وشهد اللقاء حضور رئيس النادي زياد المالكي والأمين العام عمر السبيعي."
    assert extract(rules, present, زياد_المالكي="PER", عمر_السبيعي="PER") == set()
    outside = "وغادر الوزير سامي العتيبي متوجها إلى خارج المملكة في إجازة خاصة."
    assert extract(rules, outside, سامي_العتيبي="PER", المملكة="LOC") == set()


def test_title_only_partner_gives_nothing(rules):
    text = "التقى وزير الخارجية أنتوني بلينكن نظيره الصيني في بكين."
    assert extract(rules, text, أنتوني_بلينكن="PER", بكين="LOC") == set()


def test_companion_visits_and_meets_with_the_guest(rules):
    text = "قام الرئيس محمود عباس يرافقه الوزير رياض المالكي بزيارة إلى عمان التقى خلالها الملك عبدالله الثاني."
    found = extract(rules, text, محمود_عباس="PER", رياض_المالكي="PER", عمان="LOC", عبدالله_الثاني="PER")
    assert found == {
        ("VISITED", "محمود عباس", "عمان"),
        ("VISITED", "رياض المالكي", "عمان"),
        met("محمود عباس", "عبدالله الثاني"),
        met("رياض المالكي", "عبدالله الثاني"),
    }


def test_date_is_kept_as_written(rules):
    text = "استقبل الرئيس عبد الفتاح السيسي، اليوم السبت، وزير الخارجية سامح شكري."
    mentions = []
    for surface in ("عبد الفتاح السيسي", "سامح شكري"):
        start = text.find(surface)
        mentions.append(Mention(text=surface, label="PER", start=start, end=start + len(surface)))
    entities, mentions = resolve_entities(mentions)
    [relation] = rules.apply(text, split_sentences(text), mentions, entities)
    assert relation.date == "اليوم السبت"


def test_visit_noun_takes_the_traveller_named_after_it(rules):
    text = "وتأتي زيارة جو بايدن بعد شهر من زيارة مماثلة قام بها الرئيس إيمانويل ماكرون إلى بكين."
    found = extract(rules, text, جو_بايدن="PER", إيمانويل_ماكرون="PER", بكين="LOC")
    assert found == {("VISITED", "إيمانويل ماكرون", "بكين")}


def test_body_in_the_travellers_title_is_not_the_destination(rules):
    text = "زار مدير فرع وزارة الصحة الدكتور سالم العتيبي مستشفى الملك فهد في جدة."
    found = extract(rules, text, وزارة_الصحة="ORG", سالم_العتيبي="PER", جدة="LOC")
    assert ("VISITED", "سالم العتيبي", "وزارة الصحة") not in found


def test_marked_destination_before_a_traveller_named_after_the_verb(rules):
    text = "وصل إلى مدينة المكلا أمس محافظ حضرموت فرج البحسني في أول زيارة له."
    found = extract(rules, text, المكلا="LOC", حضرموت="LOC", فرج_البحسني="PER")
    assert ("VISITED", "فرج البحسني", "المكلا") in found


def test_arrival_at_an_airport_in_a_named_city_is_a_visit_to_the_city(rules):
    text = "وصل الملك عبدالله الثاني أمس إلى مطار حيدر علييف الدولي في العاصمة الأذرية باكو."
    found = extract(rules, text, عبدالله_الثاني="PER", مطار_حيدر_علييف_الدولي="LOC", باكو="LOC")
    assert found == {("VISITED", "عبدالله الثاني", "باكو")}


def test_airport_without_a_city_after_it_stays_the_destination(rules):
    text = "وصل الملك عبدالله الثاني أمس إلى مطار حيدر علييف الدولي، وكانت باكو قد استعدت للزيارة."
    found = extract(rules, text, عبدالله_الثاني="PER", مطار_حيدر_علييف_الدولي="LOC", باكو="LOC")
    assert ("VISITED", "عبدالله الثاني", "مطار حيدر علييف الدولي") in found
    assert ("VISITED", "عبدالله الثاني", "باكو") not in found


def test_farewell_list_with_long_titles_gives_an_edge_to_each_name(rules):
    text = (
        "وكان في وداعه لدى مغادرته مطار عمان وزير الخارجية أيمن الصفدي وسفير خادم الحرمين الشريفين لدى "
        "المملكة الأردنية الهاشمية المندوب الدائم لدى جامعة الدول العربية نايف السديري والملحق العسكري في "
        "عمان العقيد ركن خالد الزهراني وعدد من المسؤولين."
    )
    guest = "قام الأمير فيصل بن فرحان بزيارة إلى الأردن. "
    found = extract(
        rules,
        guest + text,
        فيصل_بن_فرحان="PER",
        الأردن="LOC",
        أيمن_الصفدي="PER",
        المملكة_الأردنية_الهاشمية="LOC",
        جامعة_الدول_العربية="ORG",
        نايف_السديري="PER",
        خالد_الزهراني="PER",
    )
    assert {met("فيصل بن فرحان", name) for name in ("أيمن الصفدي", "نايف السديري", "خالد الزهراني")} <= found


def test_hosts_before_a_possessive_reception_trigger(rules):
    text = "وصل الرئيس محمد ولد الغزواني إلى الرباط. وكان رئيس الحكومة عزيز أخنوش في مقدمة مستقبليه بمطار الرباط سلا."
    found = extract(rules, text, محمد_ولد_الغزواني="PER", الرباط="LOC", عزيز_أخنوش="PER")
    assert met("محمد ولد الغزواني", "عزيز أخنوش") in found


def test_guest_named_after_a_reception_trigger_with_the_host_before_it(rules):
    text = "وكان الملك عبدالله الثاني في مقدمة مستقبلي الرئيس قيس سعيد لدى وصوله إلى عمان."
    found = extract(rules, text, عبدالله_الثاني="PER", قيس_سعيد="PER", عمان="LOC")
    assert met("عبدالله الثاني", "قيس سعيد") in found


def test_coming_from_an_organisation_is_no_visit_but_visiting_one_is(rules):
    transfer = "انضم اللاعب ماركو فيراتي إلى الدحيل قادما من باريس سان جيرمان في الصيف."
    assert extract(rules, transfer, ماركو_فيراتي="PER", الدحيل="ORG", باريس_سان_جيرمان="ORG") == set()
    visit = "زار السفير جون سميث الشركة الوطنية للصناعات بالدمام أمس."
    found = extract(rules, visit, جون_سميث="PER", الشركة_الوطنية_للصناعات="ORG", الدمام="LOC")
    assert ("VISITED", "جون سميث", "الشركة الوطنية للصناعات") in found


def test_talks_by_telephone_are_a_call_and_talks_by_video_no_meeting(rules):
    names = {"عبد_الفتاح_السيسي": "PER", "إيمانويل_ماكرون": "PER"}
    phone = "تباحث الرئيس عبد الفتاح السيسي هاتفيا مع الرئيس الفرنسي إيمانويل ماكرون في الأوضاع الإقليمية."
    assert extract(rules, phone, **names) == {("CALLED", "إيمانويل ماكرون", "عبد الفتاح السيسي")}
    video = "اجتمع الرئيس عبد الفتاح السيسي عبر تقنية الفيديو مع الرئيس الفرنسي إيمانويل ماكرون."
    assert extract(rules, video, **names) == set()
    in_person = "اجتمع الرئيس عبد الفتاح السيسي مع الرئيس الفرنسي إيمانويل ماكرون ثم أجرى اتصالا بنظيره."
    assert met("عبد الفتاح السيسي", "إيمانويل ماكرون") in extract(rules, in_person, **names)


def test_the_match_of_a_sports_report_is_no_meeting(rules):
    names = {"دييغو_كوستا": "PER", "لويك_ريمي": "PER"}
    match = "وغاب مهاجمه دييغو كوستا بسبب إصابة قبل اللقاء مع لويك ريمي الذي سجل هدفا في الدقيقة 20."
    assert extract(rules, match, **names) == set()
    plural = "وخاض كريستيانو رونالدو ستة لقاءات مع ليونيل ميسي في المباريات الودية."
    assert extract(rules, plural, كريستيانو_رونالدو="PER", ليونيل_ميسي="PER") == set()
    players = "وأثنى المدرب على لاعبيه بعد تألق سعيد المولد وفهد الأحمد خلال لقاء الفريق مع الوحدة."
    assert extract(rules, players, سعيد_المولد="PER", فهد_الأحمد="PER", الوحدة="ORG") == set()
    names = {"سلمان": "PER", "فرانسوا_هولاند": "PER"}
    talks = "وجرى خلال اللقاء بين الملك سلمان والرئيس الفرنسي فرانسوا هولاند بحث العلاقات."
    assert extract(rules, talks, **names) == {met("سلمان", "فرانسوا هولاند")}


def test_a_person_whose_greetings_were_conveyed_was_not_there(rules):
    names = {"عادل_الجبير": "PER", "سلمان_بن_عبدالعزيز": "PER", "خليفة_بن_زايد": "PER"}
    conveyed = "ونقل الوزير عادل الجبير خلال اللقاء تحيات الملك سلمان بن عبدالعزيز للشيخ خليفة بن زايد."
    assert extract(rules, conveyed, **names) == set()
    received = "استقبل الشيخ خليفة بن زايد الوزير عادل الجبير الذي نقل له تحيات الملك سلمان بن عبدالعزيز."
    assert extract(rules, received, **names) == {met("خليفة بن زايد", "عادل الجبير")}


def test_the_names_after_an_attended_meeting_are_attendees(rules):
    names = {"بدر_الصالح": "PER", "غادة_العمري": "PER"}
    attended = "حضر الاجتماع وكيل الوزارة بدر الصالح ومديرة البرامج غادة العمري."
    assert extract(rules, attended, **names) == set()
    also = "وحضر اللقاء المهندس بدر الصالح والدكتورة غادة العمري وعدد من الموظفين."
    assert extract(rules, also, **names) == set()
    session = "حضر جلسة المباحثات المهندس بدر الصالح والدكتورة غادة العمري."
    assert extract(rules, session, **names) == set()
    held = "وجرى خلال الاجتماع بين المهندس بدر الصالح والدكتورة غادة العمري بحث خطة العام."
    assert extract(rules, held, **names) == {met("بدر الصالح", "غادة العمري")}


def test_a_word_of_a_name_is_no_cue_that_the_event_did_not_happen(rules):
    # «فيصل» is no «ف» + «يصل» (will arrive), which would make the meeting a future one.
    held = "وعقد الأمير فيصل بن بندر اجتماعا مع الدكتور ماجد القصبي في مكتبه."
    assert extract(rules, held, فيصل_بن_بندر="PER", ماجد_القصبي="PER") == {met("فيصل بن بندر", "ماجد القصبي")}
    future = "ويصل الأمير فيصل بن بندر غدا ويعقد اجتماعا مع الدكتور ماجد القصبي."
    assert extract(rules, future, فيصل_بن_بندر="PER", ماجد_القصبي="PER") == set()


def test_a_relative_pronoun_before_the_trigger_stands_for_the_name_before_it(rules):
    text = "واجتمع الملك عبدالله الثاني مع الرئيس الفرنسي إيمانويل ماكرون الذي وصل إلى عمان أمس."
    found = extract(rules, text, عبدالله_الثاني="PER", إيمانويل_ماكرون="PER", عمان="LOC")
    assert found == {met("عبدالله الثاني", "إيمانويل ماكرون"), ("VISITED", "إيمانويل ماكرون", "عمان")}


def test_the_speaker_before_a_reported_meeting_is_no_participant(rules):
    text = "وأوضح المتحدث رائد الكيلاني أن لقاء الوزير حسن مراد مع المحافظ وليد عاشور تناول خطط التنمية."
    found = extract(rules, text, رائد_الكيلاني="PER", حسن_مراد="PER", وليد_عاشور="PER")
    assert found == {met("حسن مراد", "وليد عاشور")}


def test_named_members_of_an_organisations_delegation_meet_the_host_instead_of_it(rules):
    text = (
        "استقبل الرئيس اللبناني ميشال عون أمس وفدا من الكونغرس الأمريكي مؤلفا من السيناتور كريس ميرفي "
        "والسيناتور كريس فان هولن."
    )
    found = extract(rules, text, ميشال_عون="PER", الكونغرس="ORG", كريس_ميرفي="PER", كريس_فان_هولن="PER")
    assert found == {met("ميشال عون", "كريس ميرفي"), met("ميشال عون", "كريس فان هولن")}


def test_delegation_with_its_members_before_a_meeting_noun(rules):
    text = "وأجرى وفد الأمم المتحدة المؤلف من تيري رود لارسن وفيجاي غيباري محادثات مع الرئيس نبيه بري."
    found = extract(rules, text, الأمم_المتحدة="ORG", تيري_رود_لارسن="PER", فيجاي_غيباري="PER", نبيه_بري="PER")
    assert found == {met("تيري رود لارسن", "نبيه بري"), met("فيجاي غيباري", "نبيه بري")}


def test_a_clause_after_but_is_not_searched_for_the_meeting_partner(rules):
    # «لكنه لم يلتق …» opens another clause: the talks' partner is not looked for there, and the
    # negated meeting in it is no meeting either.
    text = "عقد الوزير سامح شكري سلسلة لقاءات مع مسؤولين في الخرطوم، لكنه لم يلتق الرئيس عمر البشير."
    assert extract(rules, text, سامح_شكري="PER", الخرطوم="LOC", عمر_البشير="PER") == set()
    text = "أجرى المبعوث ستيفان دي ميستورا محادثات في دمشق، ولكن وزير الخارجية وليد المعلم غاب عنها."
    assert extract(rules, text, ستيفان_دي_ميستورا="PER", دمشق="LOC", وليد_المعلم="PER") == set()
    # the same meeting with its partner before «لكن» is kept
    text = "عقد الوزير سامح شكري لقاء مع الرئيس عمر البشير في الخرطوم، لكنه لم يلتق رئيس الوزراء."
    assert extract(rules, text, سامح_شكري="PER", الخرطوم="LOC", عمر_البشير="PER") == {met("سامح شكري", "عمر البشير")}


def test_support_verb_of_a_visit_noun_names_the_visitor(rules):
    text = "وصرح كريم الساعدي مستشار الحكومة على هامش زيارة تقوم بها الوزيرة سلمى الحداد إلى ماليزيا بأن الاتفاق قريب."
    found = extract(rules, text, كريم_الساعدي="PER", سلمى_الحداد="PER", ماليزيا="LOC")
    assert found == {("VISITED", "سلمى الحداد", "ماليزيا")}


def test_reported_clause_after_a_pronoun_complementizer_names_no_partner(rules):
    text = "وقال فارس الحكيم للصحفيين عقب قمة الدوحة إنه لن يتعاون مع سليم العمري."
    found = extract(rules, text, فارس_الحكيم="PER", سليم_العمري="PER", الدوحة="LOC")
    assert found == set()


def test_trip_after_talks_with_a_partner_is_the_agents(rules):
    text = "وعقد رئيس الوزراء نديم الفارس مباحثات مع الرئيس سامي العلي في إطار زيارة رسمية إلى تونس."
    found = extract(rules, text, نديم_الفارس="PER", سامي_العلي="PER", تونس="LOC")
    assert found == {met("نديم الفارس", "سامي العلي"), ("VISITED", "نديم الفارس", "تونس")}


def test_a_group_with_an_unnamed_other_side_did_not_meet_itself(rules):
    names = {"سمير_الحداد": "PER", "وليد_الناصر": "PER"}
    one_side = "واجتمع ممثلا الطلاب سمير الحداد ووليد الناصر مع عمادة الكلية لبحث جدول الاختبارات."
    assert extract(rules, one_side, **names) == set()
    parties = "وجاءت الخطوة بعد اتصال هاتفي بين سمير الحداد ووليد الناصر يوم الأربعاء مع تصاعد التوتر."
    assert extract(rules, parties, **names) == {("CALLED", *sorted(("سمير الحداد", "وليد الناصر")))}


def test_a_place_in_the_travellers_own_title_is_no_destination(rules):
    letter = "وفي رسالة امتنان إلى الرئيس التونسي نديم الفارس عقب ختام زيارته لتونس أشاد الوزير بحسن الاستقبال."
    assert extract(rules, letter, نديم_الفارس="PER", تونس="LOC") == set()
    apposition = "ووجه الوزير رسالة إلى الرئيس نديم الفارس رئيس تونس عقب ختام زيارته لتونس."
    assert extract(rules, apposition, نديم_الفارس="PER", تونس="LOC") == set()
    region = "وزار أمين منطقة تبوك المهندس نديم الفارس محافظة ضباء أمس."
    assert extract(rules, region, نديم_الفارس="PER", تبوك="LOC", ضباء="LOC") == {("VISITED", "نديم الفارس", "ضباء")}
    elsewhere = "ووصل الرئيس التونسي نديم الفارس إلى القاهرة أمس."
    assert extract(rules, elsewhere, نديم_الفارس="PER", القاهرة="LOC") == {("VISITED", "نديم الفارس", "القاهرة")}


def test_a_local_official_showing_a_visitor_round_did_not_travel(rules):
    text = "وزار الوزير نديم الفارس مدارس محافظة تبوك يرافقه مدير التعليم في تبوك سامي العلي والمستشار كريم الساعدي."
    names = {"نديم_الفارس": "PER", "سامي_العلي": "PER", "كريم_الساعدي": "PER", "تبوك": "LOC"}
    visits = {r for r in extract(rules, text, **names) if r[0] == "VISITED"}
    assert visits == {("VISITED", "نديم الفارس", "تبوك"), ("VISITED", "كريم الساعدي", "تبوك")}


def test_an_envoys_title_names_where_he_is_sent_not_a_destination(rules):
    envoy = "ووصل مبعوث الجامعة العربية إلى ليبيا سامر الخطيب أمس إلى طرابلس."
    found = extract(rules, envoy, سامر_الخطيب="PER", ليبيا="LOC", طرابلس="LOC")
    assert found == {("VISITED", "سامر الخطيب", "طرابلس")}
    minister = "وأثمرت زيارة سامر الخطيب وزير الخارجية التونسي إلى ليبيا عن اتفاق تجاري."
    assert extract(rules, minister, سامر_الخطيب="PER", ليبيا="LOC") == {("VISITED", "سامر الخطيب", "ليبيا")}


def test_took_in_names_a_trips_stops_only_after_a_trip_noun(rules):
    tour = "وتحدث الوزير نديم الفارس عن جولته الآسيوية التي شملت ماليزيا وإندونيسيا."
    found = extract(rules, tour, نديم_الفارس="PER", ماليزيا="LOC", إندونيسيا="LOC")
    assert found == {("VISITED", "نديم الفارس", "ماليزيا"), ("VISITED", "نديم الفارس", "إندونيسيا")}
    works = "وبين نديم الفارس أن أعمال الصيانة شملت مدارس عدة في محافظة الطائف."
    assert extract(rules, works, نديم_الفارس="PER", الطائف="LOC") == set()


def test_the_speaker_before_an_is_not_the_subject_of_the_reported_clause(rules):
    names = {"سامي_العلي": "PER", "نديم_الفارس": "PER"}
    reported = "وذكر المتحدث سامي العلي أن لجنة التحكيم التقت بالمدرب نديم الفارس صباح اليوم."
    assert extract(rules, reported, **names) == set()
    earlier = "وكان لنديم الفارس أن التقى سامي العلي في جنيف قبل عامين."
    assert extract(rules, earlier, **names) == {met("نديم الفارس", "سامي العلي")}
    before = "ونقلت الوكالة عن نديم الفارس قبل أن يبدأ زيارة إلى ماليزيا قوله إن المحادثات مثمرة."
    assert extract(rules, before, نديم_الفارس="PER", ماليزيا="LOC") == {("VISITED", "نديم الفارس", "ماليزيا")}


def test_a_clause_after_fima_names_no_participant(rules):
    text = (
        "ورتبت جمعية الصداقة بين البلدين لسامي العلي ونديم الفارس اللقاء،"
        " فيما تابع الوزير كريم الساعدي تفاصيله من بعيد."
    )
    found = extract(rules, text, سامي_العلي="PER", نديم_الفارس="PER", كريم_الساعدي="PER")
    assert found == {met("سامي العلي", "نديم الفارس")}


def test_a_relative_pronoun_after_a_comma_still_stands_for_the_name(rules):
    text = "وانتقد النائب نديم الفارس تصريحات الوزيرة سلمى الحداد، التي زارت تونس الأسبوع الماضي، ووصفها بالمتسرعة."
    found = extract(rules, text, سلمى_الحداد="PER", نديم_الفارس="PER", تونس="LOC")
    assert found == {("VISITED", "سلمى الحداد", "تونس")}


def test_qabil_before_a_word_with_lil_is_an_adjective(rules):
    names = {"نديم_الفارس": "PER", "سامي_العلي": "PER"}
    loan = "ومدد النادي إعارة المهاجم نديم الفارس عاما قابل للتمديد وأعلن ذلك المدير سامي العلي."
    assert extract(rules, loan, **names) == set()
    meeting = "وسافر نديم الفارس إلى عمان وقابل سامي العلي للمرة الأولى."
    assert met("نديم الفارس", "سامي العلي") in extract(rules, meeting, **names)


def test_an_invitation_with_a_pronoun_is_no_visit_yet(rules):
    text = "وحمل المبعوث سامي العلي رسالة من الرئيس نديم الفارس دعاه فيها إلى القيام بزيارة لتونس في أقرب وقت."
    found = extract(rules, text, نديم_الفارس="PER", سامي_العلي="PER", تونس="LOC")
    assert found == set()


def test_a_destination_with_a_proclitic_is_not_part_of_the_title_before_it(rules):
    text = "وثمنت الغرفة التجارية زيارة نائب الرئيس نديم الفارس وزير المالية لمصر الأسبوع الماضي."
    assert extract(rules, text, نديم_الفارس="PER", مصر="LOC") == {("VISITED", "نديم الفارس", "مصر")}


def test_a_trip_after_a_phone_call_stays_with_the_one_the_pronoun_names(rules):
    text = (
        "وفي سياق آخر، تلقى الأمير نديم الفارس، اتصالا هاتفيا من رئيس جمهورية البرتغال سامي العلي"
        " أشاد خلاله بالأمير نديم الفارس في ختام زيارته الرسمية لإسبانيا."
    )
    names = {"نديم_الفارس": "PER", "سامي_العلي": "PER", "إسبانيا": "LOC", "البرتغال": "LOC"}
    assert extract(rules, text, **names) == {
        ("CALLED", *sorted(("سامي العلي", "نديم الفارس"))),
        ("VISITED", "نديم الفارس", "إسبانيا"),
    }


def test_a_lineup_makes_the_meeting_noun_a_match(rules):
    text = "ودخل مدير الفريق نديم الفارس اللقاء بتشكيل هجومي يتقدمه سامي العلي وكريم الساعدي."
    assert extract(rules, text, نديم_الفارس="PER", سامي_العلي="PER", كريم_الساعدي="PER") == set()


def test_a_sentence_opening_on_a_verb_still_to_come_announces_its_events(rules):
    names = {"نديم_الفارس": "PER", "سامي_العلي": "PER", "تونس": "LOC"}
    announced = "يصل – إن شاء الله – صباح غد الأحد الرئيس نديم الفارس في زيارة رسمية إلى تونس تستمر ثلاثة أيام."
    assert extract(rules, announced, نديم_الفارس="PER", تونس="LOC") == set()
    done = "يلتقي سامي العلي اليوم الرئيس نديم الفارس الذي وصل إلى تونس أمس في زيارة رسمية."
    assert extract(rules, done, **names) == {("VISITED", "نديم الفارس", "تونس")}
