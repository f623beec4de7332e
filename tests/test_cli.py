from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from entities import cli

pytestmark = pytest.mark.usefixtures("cli_uses_session_pipeline")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.", "utf-8")
    (folder / "sub" / "b.txt").write_text("زار الرئيس فلاديمير بوتين العاصمة الصينية بكين.", "utf-8")
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    return folder


def test_extract_folder_reports_bad_files_and_keeps_the_rest(corpus, tmp_path, capsys):
    graphml, jsonl = tmp_path / "out.graphml", tmp_path / "out.jsonl"
    code = cli.main(
        ["extract", str(corpus), str(tmp_path / "missing.txt"), "--graphml", str(graphml), "--jsonl", str(jsonl), "-q"]
    )
    err = capsys.readouterr().err
    assert code == cli.EXIT_INPUT_FAILED
    assert "latin1.txt: not UTF-8" in err and "missing.txt: no such file" in err
    assert len(err.strip().splitlines()) == 2
    lines = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert sorted(Path(d["id"]).name for d in lines) == ["a.txt", "b.txt"]
    graph = nx.read_graphml(graphml)
    assert graph.number_of_nodes() >= 3


def test_extract_all_good_exits_zero_and_reads_stdin(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان."))
    jsonl = tmp_path / "out.jsonl"
    assert cli.main(["extract", "-", "--jsonl", str(jsonl), "-q"]) == cli.EXIT_OK
    [document] = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert document["id"] == "stdin" and document["mentions"]


def test_extract_without_an_output_is_a_usage_error(corpus, capsys):
    assert cli.main(["extract", str(corpus)]) == cli.EXIT_USAGE
    assert "--graphml" in capsys.readouterr().err


def test_evaluate_conll_prints_per_type_scores(tmp_path, capsys):
    conll = tmp_path / "gold.txt"
    conll.write_text("زار O\nفلاديمير B-PERS\nبوتين I-PERS\nبكين B-LOC\n. O\n", "utf-8")
    assert cli.main(["evaluate", "--conll", str(conll), "--json"]) == cli.EXIT_OK
    scores = json.loads(capsys.readouterr().out)
    assert scores["micro"]["tp"] + scores["micro"]["fn"] == 2


def test_evaluate_conll_errors_lists_each_wrong_name_as_a_json_line(tmp_path, capsys):
    conll = tmp_path / "gold.txt"
    conll.write_text("زار O\nفلاديمير B-PERS\nبوتين I-PERS\nبكين B-LOC\n. O\n\nرأى O\nزيد B-MISC\n. O\n", "utf-8")
    assert cli.main(["evaluate", "--conll", str(conll), "--json", "--errors"]) == cli.EXIT_OK
    first, *lines = capsys.readouterr().out.split("\n}\n")
    scores = json.loads(first + "}")
    errors = [json.loads(line) for line in "".join(lines).splitlines()]
    assert len(errors) == scores["micro"]["fp"] + scores["micro"]["fn"] >= 1  # «زيد» as MISC is not found
    assert {"sentence": 2, "kind": "fn", "label": "MISC", "text": "زيد", "tokens": [1, 1]} in errors


def test_explain_shows_triggers_and_relations(capsys):
    assert cli.main(["explain", "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة."]) == 0
    out = capsys.readouterr().out
    assert "trigger «استقبل»" in out and "relations:" in out


def test_console_script_runs_end_to_end(tmp_path, seed_text):
    source = tmp_path / "seed.txt"
    source.write_text(seed_text, "utf-8")
    graphml = tmp_path / "seed.graphml"
    result = subprocess.run(
        [sys.executable, "-m", "entities.cli", "extract", str(source), "--graphml", str(graphml)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(graphml)
    names = {data["name"] for _, data in graph.nodes(data=True)}
    assert "سيرغي لافروف" in names
