"""`newsfacts review`: the round-trip document, the app's safety, and a review in a real browser
(headless Chromium) of a drafted dev article, whose coding then builds."""
from __future__ import annotations

import json
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


@pytest.fixture
def app(drafted):
    srv, url = server(Review(drafted))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield url, drafted
    srv.should_exit = True
    t.join(10)


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
