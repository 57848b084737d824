"""`newsfacts review`: the round-trip document, the app's safety, and a review in a real browser
(headless Chromium) of a drafted dev article, whose coding then builds."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.draft import draft, write_draft
from newsfacts.review import Review
from newsfacts.review.document import Document, ReviewError
from newsfacts.review.server import server

from . import browser
from .conftest import ARTICLE_IDS, ROOT

DEV = "dod-2016-12-21-us-russia-flight-safety-syria"  # a dev article with every kind of entry


@pytest.fixture
def drafted(repo_copy) -> Path:
    """The repository copy with the dev article's coding replaced by its draft."""
    folder = repo_copy / "build" / "articles" / DEV
    (folder / "coding.yaml").unlink()
    (folder / "source.yaml").unlink()
    d = draft(folder / "article.txt", "U.S. Department of Defense", article_id=DEV)
    write_draft(d, folder)
    # Links between published events name the article's final event ids; a fresh draft has others.
    import yaml

    links = repo_copy / "build" / "links.yaml"
    data = yaml.safe_load(links.read_text(encoding="utf-8"))
    data["links"] = [x for x in data["links"] if not any(e.startswith(DEV + "/") for e in x["events"])]
    links.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rules = repo_copy / "build" / "codelists" / "rules.yaml"  # so do the coding rules' examples
    kept = [r for r in yaml.safe_load(rules.read_text(encoding="utf-8")) if not str(r["example"]).startswith(DEV + "/")]
    rules.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def serving(folder):
    """The review of `folder` served on a local port until the test ends: (url, folder)."""
    srv, url = server(Review(folder))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield url, folder
    srv.should_exit = True
    t.join(10)


@pytest.fixture
def app(drafted):
    yield from serving(drafted)


def request(url: str, path: str, data=None, token: str | None = None, host: str | None = None):
    base = url.split("/?")[0]
    req = urllib.request.Request(base + path, data=None if data is None else (data if isinstance(data, bytes) else json.dumps(data).encode()),
                                 method="POST" if data is not None else "GET")
    if token:
        req.add_header("X-Review-Token", token)
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def test_the_pickers_show_each_code_with_the_manuals_words(drafted):
    """A code's definition travels with it into the review: CAMEO 1.1b3's Description, Usage Notes and the
    condition the words must meet; the PLOVER manual's own definition of a context."""
    codes = Review(drafted).codes()
    cameo = {r[0]: r for r in codes["events.cameo"]}
    assert cameo["072"][1] == "Provide military aid"
    assert "Extend, provide military and police assistance" in cameo["072"][2]
    assert "Condition the words must meet (quote it in the note): 'The lead must report the delivery of such aid'" in cameo["072"][2]
    assert "is not coded except when distinctions among 011 to 017 cannot be made" in cameo["010"][2]
    contexts = {r[0]: r for r in codes["events.plover.context"]}
    assert contexts["diplomatic"][2].startswith("PLOVER manual: Formal diplomatic relations, negotiations")
    assert [r[0] for r in codes["events.kind"]] == ["act", "utterance"]


# --- the document ------------------------------------------------------------------------------

@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_a_save_without_changes_is_the_file_byte_for_byte(article_id):
    doc = Document(ROOT / "build" / "articles" / article_id)
    assert doc.dump() == doc.raw


def test_a_drafted_coding_round_trips_too(drafted):
    doc = Document(drafted)
    assert doc.dump() == doc.raw


def test_a_selection_becomes_words_and_the_occurrence_the_build_counts(drafted):
    doc = Document(drafted)
    text = doc.text
    k = [i for i in range(len(text)) if text.startswith("Syria", i)]
    assert len(k) >= 2
    ev = doc.evidence(k[1], k[1] + len("Syria"))
    assert dict(ev) == {"words": "Syria", "occurrence": 2}
    from newsfacts.pipeline.evidence import resolve

    assert resolve(text, dict(ev)).start == k[1]
    with pytest.raises(ReviewError, match="inside a word"):
        doc.evidence(k[0] + 1, k[0] + 5)
    with pytest.raises(ReviewError, match="outside the article"):
        doc.evidence(0, len(text) + 1)


def test_an_edit_keeps_every_comment_and_line_it_does_not_touch(drafted):
    path = drafted / "coding.yaml"
    before = path.read_text(encoding="utf-8")
    doc = Document(drafted)
    ev = next(e for e in doc.entries("events") if "drafted" in e)
    doc.apply([{"op": "confirm", "section": "events", "id": ev["id"]}])
    doc.save(doc.version)
    after = path.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert len(removed) == 1 and removed[0].strip().startswith("drafted:")
    assert [line for line in after.splitlines() if line.startswith("#")] == [line for line in before.splitlines() if line.startswith("#")]


def test_a_bad_operation_changes_nothing(drafted):
    path = drafted / "coding.yaml"
    before = path.read_bytes()
    doc = Document(drafted)
    ev = doc.entries("events")[0]["id"]
    for ops, msg in [([{"op": "confirm", "section": "events", "id": ev}, {"op": "set", "section": "events", "id": ev, "field": "id", "value": "x"}],
                      "not a field the review edits"),
                     ([{"op": "rm", "section": "events", "id": ev}], "unknown op"),
                     ([{"op": "reject", "section": "../../x", "id": ev}], "unknown section"),
                     ([{"op": "set", "section": "events", "id": ev, "field": "cameo", "value": "<script>"}], "not a code"),
                     ([{"op": "link", "id": ev, "actor": "nobody", "role": "agent"}], "no actor"),
                     ("confirm", "ops must be a list")]:
        d = Document(drafted)
        with pytest.raises(ReviewError, match=msg):
            d.apply(ops)
    assert path.read_bytes() == before


def test_the_review_edits_only_article_folders_of_a_checkout(tmp_path, drafted):
    from newsfacts.review import ReviewSetupError

    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "article.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loose" / "coding.yaml").write_text("{}", encoding="utf-8")
    with pytest.raises(ReviewSetupError, match="checkout"):
        Review(tmp_path / "loose")
    # A coding.yaml that links elsewhere is not written through.
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("events: []\n", encoding="utf-8")
    (drafted / "coding.yaml").unlink()
    (drafted / "coding.yaml").symlink_to(outside)
    with pytest.raises(ReviewError, match="not a regular file"):
        Document(drafted)


# --- the app -----------------------------------------------------------------------------------

def test_requests_without_the_token_or_from_another_host_are_refused(app):
    url, folder = app
    token = url.split("token=")[1]
    assert request(url, "/api/state")[0] == 403
    assert request(url, "/api/state", token="wrong")[0] == 403
    assert request(url, "/api/state", token=token, host="evil.example:80")[0] == 403
    status, st = request(url, "/api/state", token=token)
    assert status == 200 and st["article_id"] == DEV and st["drafted"] > 0
    assert urllib.request.urlopen(url, timeout=30).headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_a_malformed_request_is_a_clear_error_and_changes_nothing(app):
    url, folder = app
    token = url.split("token=")[1]
    before = (folder / "coding.yaml").read_bytes()
    assert request(url, "/api/apply", b"{not json", token=token) == (400, {"error": 'the request is not JSON; send {"version": ..., "ops": [...]}'})
    status, body = request(url, "/api/apply", {"ops": []}, token=token)
    assert status == 400 and "version" in body["error"]
    status, body = request(url, "/api/apply", b"x" * 1_000_001, token=token)
    assert status == 413
    assert (folder / "coding.yaml").read_bytes() == before


def test_the_command_says_what_to_fix(tmp_path):
    r = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert r.exit_code == 1 and "not an article folder" in r.output and "newsfacts draft" in r.output


# --- no lost hand edit, no hang (issue 33) -------------------------------------------------------

HAND_WRITER = textwrap.dedent("""
    import os, random, sys, time
    path, until, log = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    random.seed(os.getpid())
    n = 0
    while time.time() < until:
        n += 1
        mark = f"# hand edit {n}\\n"
        how = n % 3
        if how == 0:  # an editor that writes a new file and renames it over coding.yaml
            text = open(path, encoding="utf-8").read()
            with open(f"{path}.hand", "w", encoding="utf-8") as f:
                f.write(text + mark)
            os.replace(f"{path}.hand", path)
        elif how == 1:  # one that rewrites the file in place, pausing inside the write
            text = open(path, encoding="utf-8").read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                time.sleep(random.random() * 0.003)
                f.write(mark)
        else:  # a shell append: echo '# ...' >> coding.yaml
            with open(path, "a", encoding="utf-8") as f:
                f.write(mark)
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{n}\\n")
        time.sleep(random.random() * 0.04)
""")


SMALL_CODING = """# A small coding, so that saves are quick and race the writer often.
events:
  - id: talks
    summary: Officials held talks.
    trigger: held talks
    cameo: '040'
    polarity: positive
    modality: actual
    tense: past
    asserted_by: wire
actors:
  - id: wire
    name: The Wire
    evidence: {source: publisher}
"""


def test_a_concurrent_hand_writer_loses_no_edit_to_review_saves(tmp_path):
    """Review saves race a program editing coding.yaml three ways (rename over, rewrite in place,
    append) for 20 s: every hand edit is in coding.yaml at the end (or in a conflict file a 409
    named), every refused save is a 409, and no temporary file is left."""
    folder = tmp_path / "repo" / "build" / "articles" / "wire-2015-10-22-talks"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("Talks\n\nWASHINGTON, Oct. 22, 2015 — Officials held talks on Thursday.\n", encoding="utf-8")
    path, log = folder / "coding.yaml", tmp_path / "hand.log"
    path.write_text(SMALL_CODING, encoding="utf-8")
    script = tmp_path / "hand.py"
    script.write_text(HAND_WRITER, encoding="utf-8")
    until = time.time() + 20
    writer = subprocess.Popen([sys.executable, str(script), str(path), str(until), str(log)])
    saved, refused, named = 0, [], []
    k = 0
    while time.time() < until:
        k += 1
        try:
            doc = Document(folder)
            doc.apply([{"op": "set", "section": "events", "id": "talks", "field": "note", "value": f"reviewed {k}"}])
            doc.save(doc.version)
            saved += 1
        except ReviewError as exc:
            assert exc.status == 409, str(exc)
            refused.append(str(exc))
            named += re.findall(r"coding\.yaml\.review-conflict-[0-9T-]+", str(exc))
    assert writer.wait(timeout=60) == 0
    marks = [int(x) for x in log.read_text(encoding="utf-8").split()]
    kept = path.read_text(encoding="utf-8") + "".join((folder / n).read_text(encoding="utf-8") for n in named)
    lost = [n for n in marks if f"# hand edit {n}\n" not in kept]
    swap_conflicts = [r for r in refused if "while the review saved" in r]
    assert lost == [], f"{len(lost)} of {len(marks)} hand edits lost: {lost[:20]}"
    assert len(marks) > 200 and saved > 20 and swap_conflicts, (len(marks), saved, len(refused), len(swap_conflicts))
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".coding.yaml")) == []
    assert sorted(p.name for p in folder.glob("coding.yaml.review-conflict-*")) == sorted(set(named))


def test_a_hand_edit_during_a_save_is_a_409_and_stays(app):
    """An editor holds coding.yaml open while the review saves, then writes: the save waits for
    it, finds the file changed, and answers 409; the file is the hand edit."""
    url, folder = app
    token = url.split("token=")[1]
    path = folder / "coding.yaml"
    st = request(url, "/api/state", token=token)[1]
    eid = st["entries"]["events"][0]["id"]
    answer = {}
    with open(path, "a", encoding="utf-8") as editor:
        t = threading.Thread(target=lambda: answer.update(r=request(url, "/api/apply", {"version": st["version"], "ops": [
            {"op": "confirm", "section": "events", "id": eid}]}, token=token)))
        t.start()
        time.sleep(0.5)
        editor.write("# saved by hand during the review's save\n")
    t.join(30)
    status, body = answer["r"]
    assert status == 409 and body["error"].startswith("coding.yaml changed on disk while the review saved (a hand edit?); "
                                                     "your change was not saved")
    assert path.read_text(encoding="utf-8").endswith("# saved by hand during the review's save\n")
    assert body["state"]["version"] != st["version"]  # the page now shows the file as it is


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh")) + "events: [*h]\n"


def test_an_alias_bomb_in_coding_yaml_is_a_clear_error_not_a_hang(app):
    """9^8 values: the build refuses it; the review answers the same at once."""
    url, folder = app
    token = url.split("token=")[1]
    (folder / "coding.yaml").write_text(BOMB, encoding="utf-8")
    status, body = request(url, "/api/state", token=token)
    assert status == 409 and "expands to more than 2,000,000 values" in body["error"]
    status, body = request(url, "/api/apply", {"version": "x", "ops": [{"op": "confirm", "section": "events", "id": "e"}]}, token=token)
    assert status == 409 and "expands to more than 2,000,000 values" in body["error"]


@pytest.mark.parametrize("rel", ["article.txt", "coding.yaml", "../../codelists/roles.csv", "../../../schemas/events.schema.json"])
def test_a_fifo_among_the_review_inputs_freezes_no_request(app, rel):
    """Every request answers (a hang would time out the request), with the build's message."""
    url, folder = app
    token = url.split("token=")[1]
    p = (folder / rel).resolve()
    p.unlink()
    os.mkfifo(p)
    answers = [request(url, route, token=token) for route in ("/api/state", "/api/codes", "/api/state")]
    assert all(status in (200, 409) for status, _ in answers), answers
    said = json.dumps([body for _, body in answers])
    assert f"{p.name}: is a FIFO" in said or f"{p.name}: file: is a FIFO" in said, said[:2000]
    assert all(status == 200 or "is a FIFO" in body["error"] for status, body in answers)


# --- in a real browser ---------------------------------------------------------------------------

def wait(driver, js: str, timeout: float = 20):
    end = time.time() + timeout
    while time.time() < end:
        got = driver.execute_script(js)
        if got:
            return got
        time.sleep(0.1)
    shown = driver.execute_script("return document.getElementById('status').textContent")
    raise AssertionError(f"timed out waiting for: {js}\nstatus: {shown}")


def click(driver, element) -> None:
    """Scrolled to the middle first: the status bar stays at the bottom of the window."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def status_after(driver, action) -> str:
    driver.execute_script("document.getElementById('status').textContent = ''")
    action()
    return wait(driver, "return document.getElementById('status').textContent")


def open_review(driver, url):
    driver.get(url)
    wait(driver, "return document.querySelectorAll('#rows .row').length > 0")


def test_a_coder_reviews_a_drafted_article_in_the_browser(driver, app):
    from selenium.webdriver.common.by import By

    from newsfacts.pipeline import build

    url, folder = app
    open_review(driver, url)
    events = Document(folder).entries("events")
    first, second, third = (str(e["id"]) for e in events[:3])
    assert driver.find_elements(By.CSS_SELECTOR, "#text .m.drafted"), "suggestions are marked on their words"
    # Confirm one suggestion.
    row = driver.find_element(By.ID, f"row-events-{first}")
    assert "suggestion" in row.text
    assert "confirmed" in status_after(driver, lambda: click(driver, row.find_element(By.CSS_SELECTOR, "button.confirm")))
    # Edit a code: CAMEO 041 (discuss by telephone) on the second.
    click(driver, driver.find_element(By.ID, f"row-events-{second}").find_element(By.CSS_SELECTOR, "button.edit"))
    box = driver.find_element(By.ID, f"edit-events-{second}-cameo")
    box.clear()
    box.send_keys("041")
    assert "telephone" in driver.find_element(By.ID, f"row-events-{second}").find_element(By.CSS_SELECTOR, ".hint").text.lower()
    mode = driver.find_element(By.ID, f"edit-events-{second}-plover_mode")  # the modes PLOVER CONSULT allows
    assert "phone" in driver.execute_script("return [...arguments[0].list.options].map(o => o.value)", mode)
    mode.send_keys("phone")
    driver.find_element(By.ID, f"edit-events-{second}-place").clear()  # a call has no one place ...
    note = driver.find_element(By.ID, f"edit-events-{second}-note")  # ... which the note says
    note.clear()
    note.send_keys("A video conference: the sides were in different places.")
    assert "cameo set" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{second} button.save")))
    # Beside the code, the manual's words: CAMEO 041 "Talk about, explain an issue by telephone."
    assert "Talk about, explain an issue by telephone" in driver.find_element(By.ID, f"row-events-{second}").text
    # Reject the third.
    assert "rejected" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{third} button.reject")))
    # A new event from a selected phrase, with an agent: find the words, pick the occurrence.
    driver.find_element(By.ID, "find-words").send_keys("co-chaired")
    click(driver, driver.find_element(By.CSS_SELECTOR, "#find-form button"))
    wait(driver, "return document.querySelectorAll('#found button.occurrence').length")
    click(driver, driver.find_element(By.CSS_SELECTOR, "#found button.occurrence"))
    assert driver.find_element(By.ID, "selected").text == "co-chaired"
    click(driver, driver.find_element(By.ID, "new-event"))
    driver.find_element(By.ID, "ev-cameo").send_keys("040")
    driver.find_element(By.ID, "ev-note").send_keys("The co-chairs' call is the video conference; the lead dates and places it.")
    from selenium.webdriver.support.ui import Select

    actors = Document(folder).entries("actors")
    agent = next(str(a["id"]) for a in actors if a.get("type") == "person")
    Select(driver.find_element(By.ID, "ev-agent")).select_by_value(agent)
    assert "added" in status_after(driver, lambda: click(driver, driver.find_element(By.ID, "ev-add")))
    assert browser.console_errors(driver) == []

    doc = Document(folder)
    by_id = {str(e["id"]): e for e in doc.entries("events")}
    assert "drafted" not in by_id[first] and str(by_id[second]["cameo"]) == "041" and by_id[second]["plover"]["mode"] == "phone" and "place" not in by_id[second] and third not in by_id
    new = by_id["co-chaired"]
    assert new["trigger"] == "co-chaired" and str(new["cameo"]) == "040" and new["plover"]["type"] == "CONSULT"
    assert [dict(x) for x in new["actors"]] == [{"actor": agent, "role": "agent"}]
    # The reviewed coding builds (a trial build: the suggestions not yet reviewed stop a publish).
    r = build(folder.parents[2], draft=True, validate=False)
    assert not r.findings
    rows = [e for e in r.tables["events"] if e["article_id"] == DEV]
    assert {"co-chaired", second} <= {e["event_id"].split("/")[-1] for e in rows}
    assert next(e for e in rows if e["event_id"].endswith("/co-chaired"))["trigger_text"] == "co-chaired"


def test_a_rule_message_appears_at_its_row(driver, app):
    from selenium.webdriver.common.by import By

    url, folder = app
    open_review(driver, url)
    eid = str(Document(folder).entries("events")[0]["id"])
    click(driver, driver.find_element(By.ID, f"row-events-{eid}").find_element(By.CSS_SELECTOR, "button.edit"))
    box = driver.find_element(By.ID, f"edit-events-{eid}-cameo")
    box.clear()
    box.send_keys("0999")
    status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{eid} button.save")))
    msgs = wait(driver, f"const m = document.querySelector('#row-events-{eid} .msgs'); return m && m.textContent")
    assert "0999" in msgs and "fix:" in msgs
    assert browser.console_errors(driver) == []


def test_a_hand_edit_made_while_the_page_is_open_is_not_lost(driver, app):
    from selenium.webdriver.common.by import By

    url, folder = app
    open_review(driver, url)
    path = folder / "coding.yaml"
    eid = str(Document(folder).entries("events")[0]["id"])
    hand = path.read_text(encoding="utf-8").replace("places:\n", "# checked by hand\nplaces:\n", 1)
    path.write_text(hand, encoding="utf-8")
    msg = status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{eid} button.confirm")))
    assert "changed on disk" in msg and path.read_text(encoding="utf-8") == hand
    # The page now shows the file as it is; the same click again is applied to it.
    assert "confirmed" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{eid} button.confirm")))
    after = path.read_text(encoding="utf-8")
    assert "# checked by hand\nplaces:\n" in after and len(after.splitlines()) == len(hand.splitlines()) - 1


# --- every field kind, round trip ------------------------------------------------------------------

def _load(path: Path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def _entry(data, section, eid):
    return next(e for e in data[section] if str(e["id"]) == eid)


# (section, entry id, field, value sent, what the build's YAML reader then reads there)
KINDS = [
    ("events", "kalibr-strike", "summary", "Missile ships fire Kalibr missiles.", "Missile ships fire Kalibr missiles."),  # text
    ("events", "kalibr-strike", "cameo", "195", "195"),  # code
    ("events", "kalibr-strike", "plover.mode", "aerial", "aerial"),  # a field of a mapping
    ("events", "kalibr-strike", "plover.context", ["military", "terrorism"], ["military", "terrorism"]),  # a list
    ("events", "kalibr-strike", "date.value", "2015-10-07", __import__("datetime").date(2015, 10, 7)),  # a date
    ("events", "kalibr-strike", "date.note", "The dateline's week.", "The dateline's week."),  # a note in a mapping
    ("events", "kalibr-strike", "note", "Checked against the Russian ministry's statement.", "Checked against the Russian ministry's statement."),
    ("actors", "ivanov", "aliases", ["Ivanov", "Sergey Ivanov"], ["Ivanov", "Sergey Ivanov"]),  # a list of words
    ("actors", "ivanov", "key", "sergei-ivanov", "sergei-ivanov"),
    ("places", "sochi", "geonames", "491422", 491422),  # a whole number (unchanged: the file keeps its bytes)
]


@pytest.mark.parametrize("section, eid, field, value, read", KINDS, ids=[f"{k[0]}.{k[2]}" for k in KINDS])
def test_a_save_changes_only_the_field_the_coder_changed(repo_copy, section, eid, field, value, read):
    """Every other value of coding.yaml is what it was, and the edited one is what the build reads."""
    folder = repo_copy / "build" / "articles" / "tass-2015-10-22-ivanov"
    path = folder / "coding.yaml"
    before_text, before = path.read_text(encoding="utf-8"), _load(path)
    doc = Document(folder)
    done = doc.apply([{"op": "set", "section": section, "id": eid, "field": field, "value": value}])
    doc.save(doc.version)
    after = _load(path)
    got = _entry(after, section, eid)
    for k in field.split("."):
        got = got[k]
    assert got == read
    # Put the old value back in the parsed data: what remains is exactly the file before.
    old = _entry(before, section, eid)
    parent_new, parent_old = _entry(after, section, eid), old
    *parents, leaf = field.split(".")
    for k in parents:
        parent_new, parent_old = parent_new[k], parent_old.get(k, {})
    if leaf in parent_old:
        parent_new[leaf] = parent_old[leaf]
    else:
        del parent_new[leaf]
    assert after == before
    if "unchanged" in done[0]:
        assert path.read_text(encoding="utf-8") == before_text
    else:  # the lines the edit did not touch are the file's own, comments and all
        kept = [line for line in before_text.splitlines() if line not in path.read_text(encoding="utf-8").splitlines()]
        assert len(kept) <= 2, kept


def test_the_contexts_of_an_event_survive_a_save_of_another_field_and_are_a_list(repo_copy):
    """The reported loss: a save of another field keeps plover.context, and context set by the page is a list, never letters."""
    from newsfacts.pipeline import build

    folder = repo_copy / "build" / "articles" / "tass-2015-10-22-ivanov"
    doc = Document(folder)
    was = list(_entry(_load(folder / "coding.yaml"), "events", "airstrikes-begin")["plover"]["context"])
    doc.apply([{"op": "set", "section": "events", "id": "airstrikes-begin", "field": "plover.context", "value": was},
               {"op": "set", "section": "events", "id": "airstrikes-begin", "field": "summary", "value": "Air strikes begin."}])
    doc.save(doc.version)
    assert _entry(_load(folder / "coding.yaml"), "events", "airstrikes-begin")["plover"]["context"] == was
    doc = Document(folder)
    doc.apply([{"op": "set", "section": "events", "id": "airstrikes-begin", "field": "plover.context", "value": ["military"]}])
    doc.save(doc.version)
    r = build(repo_copy, draft=True, validate=False)
    row = next(e for e in r.tables["events"] if e["event_id"] == "tass-2015-10-22-ivanov/airstrikes-begin")
    assert row["plover_context"] == ["military"]
    with pytest.raises(ReviewError, match="list"):
        Document(folder).apply([{"op": "set", "section": "events", "id": "airstrikes-begin", "field": "plover.context", "value": "military"}])


def test_the_publication_date_and_its_basis_are_set_in_source_yaml(drafted):
    source = drafted / "source.yaml"
    before = _load(source)
    doc = Document(drafted)
    doc.apply([{"op": "set_source", "field": "publication_date", "value": "2016-12-21"},
               {"op": "set_source", "field": "publication_date_basis", "value": "the dateline"}])
    doc.save(doc.version)
    after = _load(source)
    assert str(after.pop("publication_date")) == "2016-12-21" and after.pop("publication_date_basis") == "the dateline"
    before.pop("publication_date", None), before.pop("publication_date_basis", None)
    assert after == before
    with pytest.raises(ReviewError, match="not a date"):
        Document(drafted).apply([{"op": "set_source", "field": "publication_date", "value": "21 December"}])
    with pytest.raises(ReviewError, match="not a field"):
        Document(drafted).apply([{"op": "set_source", "field": "publisher", "value": "x"}])


def test_a_draft_without_a_publication_date_still_shows_its_marks(repo_copy):
    """A text that prints no date, drafted without --publication-date: the entries keep their words."""
    folder = repo_copy / "build" / "articles" / "undated"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Russia accused Ukraine of shelling the town, the ministry said.\n", encoding="utf-8")
    d = draft(story, "Test Wire", article_id="undated")
    write_draft(d, folder)
    story.unlink()
    state = Review(folder).state()
    assert any("publication_date" in m["record"] for m in state["messages"])
    spans = [e["span"] for s in state["entries"].values() for e in s if e["span"]]
    assert spans and all(0 <= a < b <= len(state["text"]) for a, b in spans)


@pytest.fixture
def tass_app(repo_copy):
    yield from serving(repo_copy / "build" / "articles" / "tass-2015-10-22-ivanov")


def test_editing_every_kind_of_field_in_the_browser_changes_only_those_fields(driver, tass_app):
    """Text, code, enum, a list of codes, a date, a note, a list of words and the publication date,
    each edited in Chromium; coding.yaml and source.yaml then differ from before in exactly those."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, folder = tass_app
    coding, source = folder / "coding.yaml", folder / "source.yaml"
    before, source_before = _load(coding), _load(source)
    browser.console_errors(driver)  # the log holds what earlier tests of this browser left (a 409 on purpose)
    open_review(driver, url)
    eid = "airstrikes-begin"

    def edit(section, rid):
        click(driver, driver.find_element(By.ID, f"tab-{section}"))
        click(driver, driver.find_element(By.ID, f"row-{section}-{rid}").find_element(By.CSS_SELECTOR, "button.edit"))

    def fill(element_id, text):
        box = driver.find_element(By.ID, element_id)
        box.clear()
        box.send_keys(text)

    edit("events", eid)
    # Untouched, the form shows the contexts ticked, not "(none)": saving it changes nothing.
    ticked = driver.execute_script(f"return [...document.querySelectorAll('#edit-events-{eid}-plover_context input:checked')].map(i => i.value)")
    assert ticked == ["military", "terrorism"]
    assert "nothing changed" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{eid} button.save")))
    assert _load(coding) == before

    edit("events", eid)
    fill(f"edit-events-{eid}-summary", "Russia's air strikes in Syria begin.")                   # text
    Select(driver.find_element(By.ID, f"edit-events-{eid}-tense")).select_by_value("present")   # enum
    click(driver, driver.find_element(By.CSS_SELECTOR, f"#edit-events-{eid}-plover_context input[value=terrorism]"))  # list: untick
    click(driver, driver.find_element(By.CSS_SELECTOR, f"#edit-events-{eid}-plover_context input[value=intelligence]"))  # list: tick
    fill(f"edit-events-{eid}-date_value", "2015-09-30")                                          # date in a mapping
    fill(f"edit-events-{eid}-note", "The strikes began on 30 September 2015.")                   # note
    msg = status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, f"#row-events-{eid} button.save")))
    assert "summary set" in msg and "plover.context set" in msg and "date.value set" in msg

    edit("actors", "ivanov")
    fill("edit-actors-ivanov-aliases", "Ivanov\nSergey Ivanov")                                  # list of words
    assert "aliases set" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, "#row-actors-ivanov button.save")))

    click(driver, driver.find_element(By.ID, "edit-publication"))                              # source.yaml
    fill("source-publication_date", "2015-10-22")
    fill("source-publication_date_basis", "the TASS archive dates it 22 October 2015")
    assert "publication_date set" in status_after(driver, lambda: click(driver, driver.find_element(By.CSS_SELECTOR, "#publication-form button.save")))
    assert browser.console_errors(driver) == []

    import datetime as dt

    after = _load(coding)
    ev, actor = _entry(after, "events", eid), _entry(after, "actors", "ivanov")
    assert ev["summary"] == "Russia's air strikes in Syria begin." and ev["tense"] == "present"
    assert ev["plover"] == {"type": "ASSAULT", "mode": "aerial", "context": ["military", "intelligence"]}
    assert ev["date"] == {"words": "on September 30", "value": dt.date(2015, 9, 30)}
    assert ev["note"] == "The strikes began on 30 September 2015." and actor["aliases"] == ["Ivanov", "Sergey Ivanov"]
    # Everything else is as it was.
    old_ev, old_actor = _entry(before, "events", eid), _entry(before, "actors", "ivanov")
    for k in ("summary", "tense", "plover", "date", "note"):
        if k in old_ev:
            ev[k] = old_ev[k]
        else:
            del ev[k]
    actor["aliases"] = old_actor["aliases"]
    assert after == before
    src = _load(source)
    assert src.pop("publication_date") == dt.date(2015, 10, 22) and src.pop("publication_date_basis").startswith("the TASS archive")
    assert src == source_before
