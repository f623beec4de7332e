from entities.bodies import extend_bodies
from entities.schema import Mention


def org(text: str, surface: str, label: str = "ORG") -> Mention:
    start = text.find(surface)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def extended(text: str, *names: Mention) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extend_bodies(text, list(names))]


def test_a_body_named_by_its_kind_and_adjectives_goes_on_over_what_it_is_for():
    text = "قالت الجمعية العربية السعودية للثقافة والفنون إن الشركة السعودية للصناعات الأساسية (سابك) ربحت."
    found = extended(text, org(text, "الجمعية العربية السعودية"), org(text, "الشركة السعودية"), org(text, "سابك"))
    assert found == [
        ("الجمعية العربية السعودية للثقافة والفنون", "ORG"),
        ("الشركة السعودية للصناعات الأساسية", "ORG"),
        ("سابك", "ORG"),
    ]
    board = "وقال رئيس مجلس إدارة الهيئة السعودية للمهندسين الدكتور جميل البقعاوي"
    assert extended(board, org(board, "مجلس إدارة الهيئة السعودية")) == [
        ("مجلس إدارة الهيئة السعودية للمهندسين", "ORG")
    ]
    own_name = "وقعت جمعية إبصار الخيرية للتأهيل وخدمة الإعاقة اتفاقية"
    assert extended(own_name, org(own_name, "جمعية إبصار الخيرية")) == [("جمعية إبصار الخيرية للتأهيل", "ORG")]


def test_a_name_found_inside_the_stretch_joins_it_and_one_reaching_past_it_leaves_it():
    text = "قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن"
    inside = extended(text, org(text, "المفوضية السامية"), org(text, "للأمم المتحدة"))
    assert inside == [("المفوضية السامية للأمم المتحدة", "ORG")]
    past = extended(text, org(text, "المفوضية السامية"), org(text, "المتحدة لشؤون اللاجئين"))
    assert past == [("المفوضية السامية", "ORG"), ("المتحدة لشؤون اللاجئين", "ORG")]


def test_what_is_no_such_body_or_no_such_purpose_is_left_as_it_was():
    text = "أصدرت اللجنة السعودية للرقابة على المنشطات بيانا، وقال الهلال الأحمر السعودي للتسجيل إن"
    assert extended(text, org(text, "اللجنة السعودية"), org(text, "الهلال الأحمر السعودي")) == [
        ("اللجنة السعودية", "ORG"),
        ("الهلال الأحمر السعودي", "ORG"),
    ]
    words = "تهدف الجمعية السعودية للذوق العام الى دعم أهدافها، وقالت لجنة الإغاثة العامة للدعوة"
    assert extended(words, org(words, "الجمعية السعودية"), org(words, "لجنة الإغاثة العامة")) == [
        ("الجمعية السعودية للذوق العام", "ORG"),
        ("لجنة الإغاثة العامة", "ORG"),
    ]
    place = "زار الجمعية السعودية للثقافة"
    assert extended(place, org(place, "الجمعية السعودية", "LOC")) == [("الجمعية السعودية", "LOC")]
