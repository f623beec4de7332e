"""End to end on real text with the shipped model, and the API contract around it."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

import entities
from entities.normalize import for_tagger, match_key
from test_normalize import isolated_forms


def _nodes(graph, label):
    return {data["name"] for _, data in graph.nodes(data=True) if data["label"] == label}


def _edge(graph, kind, a, b):
    keys = {match_key(a), match_key(b)}
    for u, v, key, data in graph.edges(keys=True, data=True):
        names = {match_key(graph.nodes[u]["name"]), match_key(graph.nodes[v]["name"])}
        if key == kind and names == keys:
            return data
    return None


@pytest.fixture(scope="module")
def seed_graph(pipeline, seed_text):
    return entities.build_graph([pipeline(seed_text, doc_id="seed")])


def test_seed_people_places_and_ministry(seed_graph):
    assert {"كيم جونغ أون", "سيرغي لافروف", "تشوي سون-هوي", "سيرغي شويغو", "فلاديمير بوتين"} <= _nodes(
        seed_graph, "PER"
    )
    assert {"كوريا الشمالية", "بيونغ يانغ", "وونسان", "موسكو"} <= _nodes(seed_graph, "LOC")
    assert "وزارة الخارجية الروسية" in _nodes(seed_graph, "ORG")


def test_seed_pyongyang_is_a_place_in_every_mention(pipeline, seed_text):
    # The capital is named four times; a model that reads some of them as an organisation splits it into
    # two nodes of different labels (e2f, shipped until session 12, read two of the four as ORG).
    labels = [m.label for m in pipeline(seed_text).mentions if m.text.endswith("بيونغ يانغ")]
    assert len(labels) == 4 and set(labels) == {"LOC"}


def test_seed_month_is_no_organisation(pipeline, seed_text):
    # «في نيسان/ أبريل الماضي»: the tagger reads the Levantine April as the car maker.
    assert "نيسان" in seed_text
    assert [m for m in pipeline(seed_text).mentions if m.text == "نيسان"] == []


def test_a_dated_month_is_dropped_and_not_spread_from_the_company(pipeline):
    text = "قالت شركة نيسان إن مبيعاتها تراجعت في اليابان. وكانت الشركة قد أعلنت في أبريل (نيسان) الماضي خطة جديدة."
    found = [(m.text, m.label, m.start) for m in pipeline(text).mentions if "نيسان" in m.text]
    assert found == [("نيسان", "ORG", text.index("نيسان"))]  # the company; the month (rindex) is gone


def test_a_newspaper_after_a_proclitic_and_a_quote_keeps_its_whole_name(pipeline):
    # «لـ«الشرق الأوسط»» was one token «لـ«الشرق» to the tagger: the name came out as «الأوسط».
    text = "وقال مصدر أمني لـ«الشرق الأوسط» إن الوفد وصل أمس."
    assert [m.text for m in pipeline(text).mentions] == ["الشرق الأوسط"]


def test_a_clitic_before_a_word_that_heads_names_stays_out_of_the_name(pipeline):
    doc = pipeline("واجتمع وزراء الخارجية العرب بجامعة الدول العربية في القاهرة أمس.")
    assert ("جامعة الدول العربية", "ORG") in {(m.text, m.label) for m in doc.mentions}


def test_bidi_marks_at_a_names_edges_stay_out_of_it(pipeline):
    text = "وقال \u200fفلاديمير بوتين\u202c إن روسيا مستعدة."
    found = [(m.text, m.start, m.end) for m in pipeline(text).mentions if m.label == "PER"]
    start = text.index("فلاديمير")
    assert found == [("فلاديمير بوتين", start, start + len("فلاديمير بوتين"))]
    # a tatweel left at the edge when a proclitic is taken off: «لـمركز»
    text = "وأوضح المتحدث الرسمي لـمركز الملك سلمان للإغاثة والأعمال الإنسانية أن الرحلة وصلت."
    organisations = [m.text for m in pipeline(text).mentions if m.label == "ORG"]
    assert organisations == ["مركز الملك سلمان للإغاثة والأعمال الإنسانية"]


def test_a_club_named_after_the_club_word_is_found_through_a_sports_report(pipeline):
    text = (
        "أكد قائد نادي الهلال أنه جاهز للمباراة. وقال مدرب الهلال إن اللاعبين أنهوا تدريباتهم، "
        "وإن الهلال سيلعب مباراته الأولى في الدوري الأسبوع المقبل."
    )
    clubs = [(m.text, m.label, m.start) for m in pipeline(text).mentions if m.text == "الهلال"]
    starts = [i for i in range(len(text)) if text.startswith("الهلال", i)]
    assert clubs == [("الهلال", "ORG", start) for start in starts]


def test_a_group_of_people_is_no_persons_name(pipeline):
    for text in ("وقال سياسيون مصريون إن القرار يضر بالبلاد.", "وانتقد يمنيون قرار الحكومة في عدن."):
        assert "PER" not in {m.label for m in pipeline(text).mentions}


def test_text_in_presentation_forms_reads_as_its_letters(pipeline):
    plain = "وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ، والتقى الزعيم الكوري الشمالي كيم جونغ أون."
    shaped = isolated_forms(plain)
    assert len(shaped) == len(plain) and shaped != plain
    found = pipeline(shaped).mentions
    assert [(m.start, m.end, m.label) for m in found] == [(m.start, m.end, m.label) for m in pipeline(plain).mentions]
    assert [(for_tagger(m.text), m.label) for m in found] == [
        ("سيرغي لافروف", "PER"),
        ("بيونغ يانغ", "LOC"),
        ("كيم جونغ أون", "PER"),
    ]
    assert all(shaped[m.start : m.end] == m.text for m in found)


def test_a_title_against_a_name_and_a_quote_after_a_proclitic_stay_out_of_names(pipeline):
    # «د.ماجد» and «ل"الوطن"» were single tokens: the person came out as «د.ماجد القحطاني», and the
    # newspaper not at all.
    text = 'وقال د.ماجد القحطاني ل"الوطن" إن المستشفى افتتح أمس.'
    assert [(m.text, m.label) for m in pipeline(text).mentions] == [("ماجد القحطاني", "PER"), ("الوطن", "ORG")]
    # «د. » no longer ends the sentence, so «د.» stands right before the name and stays out of it.
    text = "ويضيف د. الزهراني أن الحالات زادت. ويرى الناقد د. عبد الله الغذامي في البيت روحا جديدة."
    assert [m.text for m in pipeline(text).mentions if m.label == "PER"] == ["الزهراني", "عبد الله الغذامي"]


def test_a_byline_dash_stays_out_of_the_name_and_a_prayer_out_of_the_king(pipeline):
    # «البرقاوي-» is one token (split off, the dash turned datelines' places into organisations), so the
    # name ended in a hyphen; «-حفظه الله-» after a name ran on into it.
    text = "عبدالله البرقاوي- الرياض: أكد خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود -حفظه الله- أن"
    found = [(m.text, m.label) for m in pipeline(text).mentions]
    assert ("عبدالله البرقاوي", "PER") in found and ("سلمان بن عبدالعزيز آل سعود", "PER") in found
    assert not any(text[m.start] in "-–—" or text[m.end - 1] in "-–—" for m in pipeline(text).mentions)
    assert [m.label for m in pipeline("سبق- الباحة: اعتمد مدير عام الشؤون الصحية").mentions] == ["LOC"]


def test_a_visit_nouns_traveller_is_not_the_one_met_behind_another_verb(pipeline):
    # «في زيارة يلتقي خلالها الرئيس …»: the president is met, not the visitor (he was, before).
    text = (
        "وصل وزير الخارجية الفرنسي لوران فابيوس اليوم إلى طهران في زيارة يلتقي خلالها الرئيس حسن روحاني"
        " وعددا من المسؤولين في إيران، لبحث الاتفاق."
    )
    doc = pipeline(text)
    name = {e.id: e.name for e in doc.entities}
    visits = {(name[r.source], name[r.target]) for r in doc.relations if r.type == "VISITED"}
    assert visits == {("لوران فابيوس", "طهران"), ("لوران فابيوس", "إيران")}


def test_seed_lavrov_is_one_node(seed_graph):
    assert [n for n in _nodes(seed_graph, "PER") if "لافروف" in n] == ["سيرغي لافروف"]


def test_seed_meetings_and_their_place(seed_graph):
    assert _edge(seed_graph, "MET", "كيم جونغ أون", "سيرغي لافروف") is not None
    lavrov_choe = _edge(seed_graph, "MET", "سيرغي لافروف", "تشوي سون-هوي")
    assert lavrov_choe is not None and "وونسان" in lavrov_choe["places"]


def test_seed_visits(seed_graph):
    assert _edge(seed_graph, "VISITED", "سيرغي لافروف", "كوريا الشمالية") is not None
    assert _edge(seed_graph, "VISITED", "سيرغي شويغو", "بيونغ يانغ") is not None
    assert _edge(seed_graph, "VISITED", "فلاديمير بوتين", "كوريا الشمالية") is not None


def test_seed_no_meeting_between_capitals_or_with_soldiers(seed_graph):
    assert _edge(seed_graph, "MET", "موسكو", "بيونغ يانغ") is None
    met_lavrov = [
        (u, v)
        for u, v, key in seed_graph.edges(keys=True)
        if key == "MET" and "لافروف" in seed_graph.nodes[u]["name"] + seed_graph.nodes[v]["name"]
    ]
    partners = {seed_graph.nodes[n]["name"] for pair in met_lavrov for n in pair} - {"سيرغي لافروف"}
    assert partners == {"كيم جونغ أون", "تشوي سون-هوي"}


def test_every_offset_points_into_the_original_text(pipeline, seed_text):
    text = "  \u200fقال الرئيسُ فلاديمـــير بوتين  في موسكو\n" + seed_text
    document = pipeline(text)
    assert document.mentions
    for span in [
        *document.mentions,
        *(r.evidence for r in document.relations),
        *(r.trigger for r in document.relations),
    ]:
        assert text[span.start : span.end] == span.text


def test_json_round_trip(pipeline, seed_text):
    document = pipeline(seed_text, doc_id="seed")
    assert entities.Document.model_validate_json(document.model_dump_json()) == document


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_gives_an_empty_document(pipeline, text):
    document = pipeline(text)
    assert (document.text, document.mentions, document.entities, document.relations) == (text, [], [], [])


@pytest.mark.parametrize("bad", [None, 42, b"\xd9\x83", ["نص"]])
def test_non_string_is_a_type_error_that_says_so(pipeline, bad):
    with pytest.raises(TypeError, match="must be a str"):
        pipeline(bad)
    with pytest.raises(entities.EntitiesError):
        entities.extract(bad)


def test_pipe_keeps_order_and_records_failures(pipeline):
    texts = ["زار بوتين بكين.", ("التقى ماكرون شولتس في باريس.", "paris"), 17, ""]
    documents = list(pipeline.pipe(texts, batch_size=2))
    assert [d.id for d in documents][1] == "paris"
    assert len(documents) == 4
    assert documents[2].error and "must be a str" in documents[2].error
    assert documents[0].text == "زار بوتين بكين." and documents[0].error is None
    assert documents[0] == pipeline("زار بوتين بكين.")


def test_loading_and_tagging_make_no_network_call(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("entities tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    document = entities.load()("استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.")
    assert document.mentions


def test_loading_builds_no_training_optimizer_and_leaves_stanza_as_it_was():
    # Building a torch optimizer imports torch._dynamo (1.7 s); tagging never needs one. Run in a fresh
    # interpreter: this test session may have imported torch._dynamo already.
    probe = (
        "import sys, entities\n"
        "from stanza.models.common import utils\n"
        "before = utils.get_optimizer\n"
        "document = entities.load()('زار بوتين بكين.')\n"
        "print(len(document.mentions), 'torch._dynamo' in sys.modules, utils.get_optimizer is before)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["2", "False", "True"]


def test_missing_model_directory_says_what_to_pass(tmp_path: Path):
    with pytest.raises(entities.ModelNotFoundError, match="does not exist"):
        entities.load(tmp_path / "nowhere")
    with pytest.raises(entities.ModelNotFoundError, match=r"lacks ner\.pt"):
        entities.load(tmp_path)


def test_one_character_model_without_the_other_is_named(tmp_path: Path):
    for name in ("ner.pt", "pretrain.pt", "forward_charlm.pt"):
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(entities.ModelNotFoundError, match=r"lacks backward_charlm\.pt"):
        entities.load(tmp_path)


def test_corrupt_model_is_a_model_load_error(tmp_path: Path):
    (tmp_path / "ner.pt").write_bytes(b"not a model")
    (tmp_path / "pretrain.pt").write_bytes(b"not vectors")
    with pytest.raises(entities.ModelLoadError, match="could not load"):
        entities.load(tmp_path)


def test_official_stanza_models_must_be_present(tmp_path: Path):
    with pytest.raises(entities.ModelNotFoundError, match=r"stanza\.download"):
        entities.load(f"stanza:{tmp_path}")


def test_model_argument_of_wrong_type(tmp_path: Path):
    with pytest.raises(TypeError, match="model must be"):
        entities.load(3.5)  # type: ignore[arg-type]


def test_long_document_is_tagged_in_slices_with_the_same_result(pipeline, seed_text, monkeypatch):
    whole = pipeline(seed_text)
    monkeypatch.setattr("entities.pipeline._SENTENCES_PER_TAGGER_CALL", 2)
    assert pipeline(seed_text) == whole


def test_collector_runs_less_often_during_a_batch_and_is_put_back():
    import gc

    seen: list[tuple[int, int, int]] = []

    class RecordingTagger:
        def tag(self, sentences):
            seen.append(gc.get_threshold())
            return []

        def word_rank(self, word):
            return None

    before = gc.get_threshold()
    pipeline = entities.Pipeline(RecordingTagger())
    pipeline("زار بوتين بكين.")
    list(pipeline.pipe(["زار بوتين بكين.", "التقى لافروف كيم."], batch_size=1))
    assert len(seen) == 3 and all(threshold[0] > before[0] for threshold in seen)
    assert gc.get_threshold() == before


def test_overlapping_loads_put_stanzas_optimizer_back():
    import threading
    import time as clock

    from stanza.models.common import utils

    from entities.ner import _without_training_optimizer

    original = utils.get_optimizer

    def load_slowly():
        with _without_training_optimizer():
            assert utils.get_optimizer is not original
            clock.sleep(0.05)

    threads = [threading.Thread(target=load_slowly) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert utils.get_optimizer is original


def test_and_on_an_unknown_name_after_another_is_left_out_unless_a_first_name_stands_before():
    from entities.ner import TaggedSpan

    names = {"البحرين": "LOC", "وقرطبيل": "LOC", "جيمس": "PER", "وونستر": "PER"}

    class WordTagger:  # tags the words above, one span each; knows no word's frequency
        def tag(self, sentences):
            return [
                TaggedSpan(index, position, position, names[token.text])
                for index, sentence in enumerate(sentences)
                for position, token in enumerate(sentence.tokens)
                if token.text in names
            ]

        def word_rank(self, word):
            return None

    document = entities.Pipeline(WordTagger())("وزار الوفد البحرين وقرطبيل أمس. وقال جيمس وونستر إن الأمر انتهى.")
    assert [m.text for m in document.mentions if m.kind == "name"] == ["البحرين", "قرطبيل", "جيمس", "وونستر"]


def test_a_place_named_newspaper_is_an_organisation_and_the_city_stays_a_place():
    from entities.ner import TaggedSpan

    class WordTagger:  # tags «مكة» a place wherever it stands, as the shipped model mostly does
        def tag(self, sentences):
            return [
                TaggedSpan(index, position, position, "LOC")
                for index, sentence in enumerate(sentences)
                for position, token in enumerate(sentence.tokens)
                if token.text == "مكة"
            ]

        def word_rank(self, word):
            return None

    document = entities.Pipeline(WordTagger())("وقال المدير بحسب صحيفة “مكة” إن الأمطار هطلت على مكة أمس.")
    assert [(m.text, m.label) for m in document.mentions] == [("مكة", "ORG"), ("مكة", "LOC")]


def test_a_tagged_name_ends_before_a_word_for_whose_or_when_or_a_title():
    from entities.ner import TaggedSpan

    class SpanTagger:  # tags tokens 1 to 4 of each sentence, as the shipped model sometimes runs a name on
        def tag(self, sentences):
            return [TaggedSpan(i, 1, 4, "ORG" if i == 0 else "LOC") for i in range(len(sentences))]

        def word_rank(self, word):
            return None

    text = "ونقلت وكالة الأنباء اليمنية التابعة للحكومة الخبر. وشكر الإمارات العربية المتحدة الشقيقة على دعمها."
    document = entities.Pipeline(SpanTagger())(text)
    assert [(m.text, m.label) for m in document.mentions if m.kind == "name"] == [
        ("وكالة الأنباء اليمنية", "ORG"),
        ("الإمارات العربية المتحدة", "LOC"),
    ]


def test_a_tagged_name_ends_before_official_and_a_pattern_before_the_time_it_is_for():
    from entities.ner import TaggedSpan

    class SpanTagger:  # tags tokens 2 to 4 of the first sentence, «الرسمي» included
        def tag(self, sentences):
            return [TaggedSpan(0, 2, 4, "ORG")]

        def word_rank(self, word):
            return None

    text = "حقق حساب مؤسسة الوليد الرسمي أرقاما. وتتكون الجمعية العمومية للهيئة للسنة الأولى من المحامين."
    document = entities.Pipeline(SpanTagger())(text)
    assert [(m.text, m.label) for m in document.mentions if m.kind == "name"] == [("مؤسسة الوليد", "ORG")]


def test_a_tagged_organisation_ends_before_a_word_for_the_moment_and_a_persons_family_name_stays():
    from entities.ner import TaggedSpan

    class RunOnTagger:  # runs each name on into the word after it, as the shipped model sometimes does
        def tag(self, sentences):
            spans = []
            for index, sentence in enumerate(sentences):
                words = [token.text for token in sentence.tokens]
                for first, last, label in ((2, 4, "ORG"), (7, 8, "PER")):
                    if last < len(words):
                        spans.append(TaggedSpan(index, first, last, label))
            return spans

        def word_rank(self, word):
            return None

    text = "حذر من تنظيم القاعدة الإرهابي وقال الكاتب يحيى المقبل إن الأمر انتهى."
    document = entities.Pipeline(RunOnTagger())(text)
    assert [(m.text, m.label) for m in document.mentions if m.kind == "name"] == [
        ("تنظيم القاعدة", "ORG"),
        ("يحيى المقبل", "PER"),
    ]
