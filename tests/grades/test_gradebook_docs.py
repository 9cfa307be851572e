"""docs/api.md's grade book examples against real answers: the calls of 6.3
(``@gradebook``), 6.4 (``@gradebook/<wiki username>``) and 6.5 (``@my-grades``),
made over HTTP in the scene the docs describe, answer with exactly the keys the
examples show, at every level, so that the examples cannot drift from the code.
With GRADEBOOK_EXAMPLES=path, the answers are also written there (addresses and
UIDs as the docs show them), to paste into the docs when the answers change."""

from datetime import datetime
from datetime import UTC
from grade_world import answer_check
from pathlib import Path

import json
import os
import pytest
import re
import transaction


API_DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"
SESSION = "/en/intro/spring"
# The UIDs docs/api.md shows (6.1) for the grade world's items.
DOCUMENTED_UIDS = {
    "check": "47c313e5937241d6bff7114d8140b2cd",
    "draft": "e7d354b2f3d149beabf1cbbf99e09c60",
    "sources": "ce4ee77582814171b49ba78d77f71338",
    "practice": "d96fb02826874c1d88a63b132e6aeb05",
    "article": "921632b95db24f27b8d30d1b66ebe374",
}
DOCUMENTED_SITE = "http://localhost:8080/wikimooc"


def documented_example(heading):
    """The first JSON block of the docs/api.md section whose heading is ``heading``."""
    text = API_DOCS.read_text()
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    section = re.split(r"\n#{2,3} ", text[start:], maxsplit=1)[0]
    found = re.search(r"```json\n(.*?)```", section, re.S)
    assert found, f"no JSON example under {heading}"
    return json.loads(found.group(1))


def key_differences(documented, answered, where="answer"):
    """Where ``answered`` has other keys than ``documented``: in objects, the keys;
    in lists, each element the docs show against the answer's at the same place. A
    text beginning with "…" in the docs stands for what they leave out."""
    if isinstance(documented, str) and documented.startswith("…"):
        return []
    if isinstance(documented, dict):
        if not isinstance(answered, dict):
            return [f"{where}: an object in the docs, {answered!r} in the answer"]
        found = [f"{where}: {sorted(set(answered) - set(documented))} not documented,"
                 f" {sorted(set(documented) - set(answered))} documented, not answered"
                 ] if set(documented) != set(answered) else []
        for key in set(documented) & set(answered):
            found += key_differences(documented[key], answered[key], f"{where}.{key}")
        return found
    if isinstance(documented, list) and isinstance(answered, list):
        pairs = enumerate(zip(documented, answered, strict=False))
        return [difference for index, (shown, given) in pairs
                for difference in key_differences(shown, given, f"{where}[{index}]")]
    return []


def as_documented(answer, site_url, served):
    """``answer`` with the docs' site address and item UIDs."""
    text = json.dumps(answer, ensure_ascii=False).replace(site_url, DOCUMENTED_SITE)
    for name, uid in DOCUMENTED_UIDS.items():
        text = text.replace(served[name].UID(), uid)
    return json.loads(text)


@pytest.fixture
def set_now(monkeypatch):
    def set_now(day):
        moment = datetime.fromisoformat(day).replace(tzinfo=UTC)
        monkeypatch.setattr("wikimooc.policy.coursedates.rules.utc_now", lambda: moment)
    return set_now


@pytest.fixture
def documented_scene(served, served_results, client, set_now):
    """As the docs tell it: pass mark 55, peer review weighing 20, the default
    schedule saved (Basics' work due 7 March, More's 14 March). Bob answered half
    of "check" on 5 March, Ada all of it on 8 March (late); Ada did "draft" on 2
    March; nobody handed in "sources". The grade book is read on 10 March."""
    teacher = client("teacher")
    changed = teacher.patch(SESSION + "/@grading-policy",
                            json={"pass_mark": 55, "weights": {"peer": 20}})
    assert changed.status_code == 200, changed.text
    assert teacher.patch(SESSION + "/@schedule", json={}).status_code == 200
    for login_name, right, day in (("bob", 1, "2027-03-05"), ("ada", 2, "2027-03-08")):
        set_now(day)
        answer_check(client, served, login_name, right)
    transaction.begin()
    served_results.wiki_done("Ada", "draft")
    transaction.commit()
    set_now("2027-03-10")
    return served


CALLS = (
    ("### 6.3 `GET {session}/@gradebook`", "teacher", "/@gradebook?b_size=1"),
    ("### 6.4 `GET {session}/@gradebook/<wiki username>`", "teacher", "/@gradebook/Bob"),
    ("### 6.5 `GET {session}/@my-grades`", "ada", "/@my-grades"),
)


def test_the_documented_examples_have_the_keys_of_real_answers(
    documented_scene, client, functional_portal
):
    answers = {}
    for heading, login_name, path in CALLS:
        response = client(login_name).get(SESSION + path)
        assert response.status_code == 200, response.text
        answers[heading] = as_documented(response.json(), functional_portal.absolute_url(),
                                         documented_scene)
    target = os.environ.get("GRADEBOOK_EXAMPLES")
    if target:
        Path(target).write_text(json.dumps(answers, indent=2, ensure_ascii=False, sort_keys=True))
    for heading, answer in answers.items():
        assert key_differences(documented_example(heading), answer) == [], heading
    row = answers[CALLS[0][0]]["items"][0]
    assert (row["wiki_username"], row["grade"]) == ("Ada", 61.11)
    assert [(item["due"], item["late"], item["missing"]) for item in row["items"]] == [
        ("2027-03-07", True, False), ("2027-03-07", False, False),
        ("2027-03-07", False, True), ("2027-03-14", False, False)]


@pytest.mark.parametrize(
    "documented, answered, differences",
    [
        ({"a": 1, "b": {"c": 2}}, {"a": 3, "b": {"c": None}}, []),
        ({"a": 1}, {"a": 1, "due": None}, ["answer: ['due'] not documented, [] documented,"
                                           " not answered"]),
        ({"items": [{"late": False}]}, {"items": [{"late": True, "missing": False}]},
         ["answer.items[0]: ['missing'] not documented, [] documented, not answered"]),
        ({"items": ["…4 items as in 6.3…"]}, {"items": [{"late": True}]}, []),
        ({"b": {"c": 1}}, {"b": [1]}, ["answer.b: an object in the docs, [1] in the answer"]),
    ],
)
def test_key_differences(documented, answered, differences):
    assert key_differences(documented, answered) == differences
