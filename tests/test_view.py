"""`newsfacts view`: the site, its escaping, and the pages in a real browser (headless Chromium)."""
from __future__ import annotations

import functools
import re
import http.server
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts.cli import cli
from newsfacts.view import MARK_KINDS, build_site
from newsfacts.view.site import event_anchor, licence_name, page_name
from newsfacts.validate import validate

from . import browser, forge
from .conftest import ARTICLE, ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory, pkg_root) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out, root=pkg_root)
    return out


def expected_marks(tables, article_id: str) -> dict[str, int]:
    """Rows with evidence offsets, per kind of mark, counted from the tables themselves."""
    out = {}
    for kind, sources in MARK_KINDS.items():
        out[kind] = sum(int(((tables[t]["article_id"] == article_id) & tables[t][s].notna()).sum()) for t, _, s, _ in sources)
    return out


def test_the_site_has_an_index_and_a_page_per_article(site, tables, pkg_root):
    pages = sorted(p.name for p in site.glob("*.html"))
    assert pages == sorted(["index.html", *(page_name(a) for a in tables["articles"]["article_id"])])
    index = (site / "index.html").read_text(encoding="utf-8")
    for a in tables["articles"].itertuples():
        assert page_name(a.article_id) in index and a.publisher in index
    for p in site.glob("*.html"):
        html = p.read_text(encoding="utf-8")
        # Nothing is fetched: the only addresses are the source links and the licence's, which a reader follows by choice.
        sources = set(tables["articles"]["url"].dropna())
        licences = {lic["path"] for lic in newsfacts.loading.read_descriptor(pkg_root)["licenses"]}
        found = set(re.findall(r'https?://[^"\s<]+', html.split("<article")[0]))
        assert found <= sources | licences
        assert all(f'<a class="source" href="{u}" rel="noopener noreferrer">' in html for u in found - licences)
        assert all(f'<a href="{u}" rel="license noopener noreferrer">' in html for u in found & licences)
        assert html.count("<link") == html.count('<link rel="icon" href="data:,">') and "src=" not in html


def test_every_text_value_is_escaped(repo_copy, tmp_path):
    from newsfacts.pipeline import build

    coding = repo_copy / "build" / "articles" / ARTICLE / "coding.yaml"
    coding.write_text(coding.read_text(encoding="utf-8").replace(
        "summary: The Syrian army launches a large-scale offensive.", "summary: <script>alert(1)</script> & </script><!--"), encoding="utf-8")
    build(repo_copy, validate=False)
    build_site(tmp_path / "site", root=repo_copy)
    html = (tmp_path / "site" / page_name(ARTICLE)).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert html.count("</script>") == 2 and html.count("<!--") == 0  # the data block and the code, nothing injected
    assert "\\u003cscript\\u003ealert(1)" in html  # inside the JSON data, as escapes


def test_the_command_writes_the_site(tmp_path, pkg_root, tables):
    r = CliRunner().invoke(cli, ["view", "--out", str(tmp_path / "s"), "--path", str(pkg_root)])
    assert r.exit_code == 0 and r.output.startswith(f"wrote {len(tables['articles']) + 1} pages into")
    assert (tmp_path / "s" / "index.html").is_file()


# --- in a real browser ---------------------------------------------------------------------

def console_errors(driver) -> list[str]:
    return browser.console_errors(driver)


def test_each_page_in_the_browser(driver, site, tables, pkg_root):
    for article_id in tables["articles"]["article_id"]:
        check_page(driver, site, tables, pkg_root, article_id)


def check_page(driver, site, tables, pkg_root, article_id):
    driver.get((site / page_name(article_id)).as_uri())
    assert console_errors(driver) == []
    got = driver.execute_script("""
        const out = {};
        for (const el of document.querySelectorAll('#text [data-m]')) {
            (out[el.dataset.kind] = out[el.dataset.kind] || new Set()).add(el.dataset.m);
        }
        return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.size]));""")
    want = {k: n for k, n in expected_marks(tables, article_id).items() if n}
    assert got == want
    # The text shown is the article's text, character for character.
    text = newsfacts.article_text(article_id, root=pkg_root)
    assert driver.execute_script("return document.getElementById('text').textContent") == text
    # One timeline mark per dated event; every event listed once.
    ev = tables["events"].query("article_id == @article_id")
    assert len(driver.find_elements("css selector", "#timeline .tl-mark")) == int(ev["date_start"].notna().sum())
    assert len(driver.find_elements("css selector", ".events li")) == len(ev)
    assert sorted(driver.execute_script("return [...document.querySelectorAll('.events li')].map(li => li.dataset.event)")) == sorted(ev["event_id"])
    # The date axis has labelled ticks, and the legend names every precision.
    if ev["date_start"].notna().any():
        labels = [t.text for t in driver.find_elements("css selector", "#timeline .tick text")]
        assert labels and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2}( \d{4})?|\d{4}", x) for x in labels), labels
    legend = driver.find_element("id", "precision-legend").text
    assert all(p in legend for p in ("day", "week", "month", "year"))
    # The text's licence and attribution beside it, the publisher and a link to the source.
    a = tables["articles"].set_index("article_id").loc[article_id]
    licence = driver.find_element("id", "licence").text
    assert a["text_license"] in licence and a["text_attribution"] in licence
    assert driver.find_element("css selector", "header .publisher").text == a["publisher"]
    if isinstance(a["url"], str):
        assert driver.find_element("css selector", "header a.source").get_attribute("href").rstrip("/") == a["url"].rstrip("/")
    assert overflowing(driver) == []


def overflowing(driver) -> list[str]:
    """Elements wider than the page at 1280 px (the whole page must fit without a horizontal scroll)."""
    driver.set_window_size(1280, 1000)
    return driver.execute_script("""
        const w = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);
        for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
        }
        return out.slice(0, 5);""")


def test_the_index_is_a_table_a_reader_can_read(driver, site, tables):
    driver.get((site / "index.html").as_uri())
    heads = [th.text for th in driver.find_elements("css selector", "table.index thead th")]
    assert heads == ["article", "publisher", "published", "events", "quotes", "actors", "licence of the text"]
    rows = driver.find_elements("css selector", "table.index tbody tr")
    assert len(rows) == len(tables["articles"])
    for a in tables["articles"].itertuples():
        row = driver.find_element("xpath", f'//table[@class="index"]//a[@href="{page_name(a.article_id)}"]/ancestor::tr')
        cells = [td.text for td in row.find_elements("tag name", "td")]
        n = {t: int((tables[t]["article_id"] == a.article_id).sum()) for t in ("events", "quotes", "actors")}
        assert cells == [a.title, a.publisher, str(a.publication_date.date()), str(n["events"]), str(n["quotes"]), str(n["actors"]),
                         licence_name(a.text_license_id)]
        assert row.find_element("css selector", "td.text-licence").get_attribute("title") == a.text_license
    # The package's own licence, and that texts keep their publishers' terms.
    licences = driver.find_element("id", "licences").text
    desc = newsfacts.loading.read_descriptor(None)
    assert desc["licenses"][0]["name"] in licences and "publisher's terms" in licences and "GeoNames" in licences
    assert overflowing(driver) == []
    assert console_errors(driver) == []


def test_clicking_a_quote_shows_its_speaker_and_cue(driver, site, tables):
    q = tables["quotes"].query("article_id == @ARTICLE and cue_verb.notna() and kind == 'direct'", engine="python").iloc[0]
    speaker = tables["actors"].set_index("actor_id").loc[q["speaker_id"], "name"]
    driver.get((site / page_name(ARTICLE)).as_uri())
    mark = driver.execute_script("""
        const data = JSON.parse(document.getElementById('data').textContent);
        return data.marks.find(m => m.kind === 'quote' && m.row === arguments[0]).id;""", q["quote_id"])
    driver.find_element("id", mark).click()
    details = driver.find_element("id", "details")
    assert driver.execute_script("return document.querySelector('#details [data-field=speaker_name]').textContent") == speaker
    assert driver.execute_script("return document.querySelector('#details [data-field=cue_verb]').textContent") == q["cue_verb"]
    assert q["text"][:20] in details.text


def test_keyboard_reaches_the_marks_and_the_events(driver, site):
    from selenium.webdriver.common.keys import Keys

    driver.get((site / page_name(ARTICLE)).as_uri())
    body = driver.find_element("tag name", "body")
    for _ in range(12):  # the header link, the legend, then the first marks
        body.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        if active.get_attribute("data-m"):
            break
    assert active.get_attribute("data-m")
    assert driver.find_elements("css selector", "#details section.row")
    # Enter on an event in the list focuses its trigger and shows the event's row.
    link = driver.find_element("css selector", ".events a[data-goto]")
    link.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == link.get_attribute("data-goto")
    assert driver.execute_script("return document.querySelector('#details [data-field=event_id]') !== null")
    assert console_errors(driver) == []


def test_the_site_served_over_http(driver, site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    # Threaded: Chromium opens spare connections that a one-thread server would wait on.
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            driver.get(f"http://127.0.0.1:{httpd.server_address[1]}/index.html")
            driver.find_element("css selector", f'a[href="{page_name(ARTICLE)}"]').click()
            assert driver.find_elements("css selector", "#text [data-m]")
            assert console_errors(driver) == []
        finally:
            httpd.shutdown()


def test_an_events_details_show_who_did_what_to_whom_with_what_and_where_else(driver, site, tables):
    """Agent, target and every other role by name, the assets by role, and each linked event of
    another article as a link that opens that event on its page."""
    actors = tables["actors"].set_index("actor_id")["name"]
    assets = tables["assets"].set_index("asset_id")["name"]
    links = tables["event_links"]
    linked_seen = 0
    for article_id in tables["articles"]["article_id"]:
        driver.get((site / page_name(article_id)).as_uri())
        for e in tables["events"].query("article_id == @article_id").itertuples():
            item = driver.find_element("id", event_anchor(e.event_id))
            driver.execute_script("arguments[0].querySelector('a[data-goto]').click()", item)
            who = sorted(li.text for li in driver.find_elements("css selector", "#details .event-who li"))
            ea = tables["event_actors"].query("event_id == @e.event_id")
            assert who == sorted(f"{r.role}: {actors[r.actor_id]}" for r in ea.itertuples()), e.event_id
            with_ = sorted(li.text for li in driver.find_elements("css selector", "#details .event-with li"))
            es = tables["event_assets"].query("event_id == @e.event_id")
            assert with_ == sorted(f"{r.role}: {assets[r.asset_id]}" for r in es.itertuples()), e.event_id
            others = set(links.loc[links["event_id_a"] == e.event_id, "event_id_b"]) | set(links.loc[links["event_id_b"] == e.event_id, "event_id_a"])
            hrefs = [a.get_attribute("href") for a in driver.find_elements("css selector", "#details .event-linked a")]
            other_articles = tables["events"].set_index("event_id")["article_id"]
            assert sorted(h.rsplit("/", 1)[1] for h in hrefs) == sorted(f"{page_name(other_articles[o])}#{event_anchor(o)}" for o in others)
            linked_seen += len(hrefs)
    assert linked_seen  # the corpus links events across sources
    # Following a link opens the other article with that event shown.
    link = links.iloc[0]
    driver.get((site / page_name(link["article_id_a"])).as_uri())
    item = driver.find_element("id", event_anchor(link["event_id_a"]))
    driver.execute_script("arguments[0].querySelector('a[data-goto]').click()", item)
    target = next(a for a in driver.find_elements("css selector", "#details .event-linked a")
                  if a.get_attribute("href").endswith(event_anchor(link["event_id_b"])))
    target.click()
    assert driver.current_url.split("#")[0].endswith(page_name(link["article_id_b"]))
    shown = driver.execute_script("return document.querySelector('#details [data-field=event_id]').textContent")
    assert shown == link["event_id_b"]
    assert console_errors(driver) == []


def test_where_a_headline_comes_from_reads_as_a_sentence(driver, site, tables):
    stated = tables["articles"][~tables["articles"]["title_in_text"].astype(bool)]
    for a in stated.itertuples():
        driver.get((site / page_name(a.article_id)).as_uri())
        said = driver.find_element("css selector", "header .title-source").text
        assert said == f"where the headline comes from: {a.title_source}"
        assert "not printed in the text" not in said and not said.endswith(("from", ":"))


def test_no_timeline_label_is_covered_or_cut(driver, site, tables):
    """Every label inside the drawing, and no bar over a label (in the SVG's own coordinates)."""
    for article_id in tables["articles"]["article_id"]:
        driver.get((site / page_name(article_id)).as_uri())
        problems = driver.execute_script("""
            const svg = document.getElementById('timeline');
            const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
            const box = (el) => el.getBBox();
            const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
            const texts = [...svg.querySelectorAll('text')], rects = [...svg.querySelectorAll('.tl-mark rect')].map(box);
            const out = [];
            for (const t of texts) {
                const b = box(t);
                if (b.x < 0 || b.x + b.width > width || b.y < 0 || b.y + b.height > height) out.push('cut: ' + t.textContent);
                for (const r of rects) if (overlap(b, r)) out.push('covered: ' + t.textContent);
            }
            return out;""")
        assert problems == [], (article_id, problems)
# --- no script from the data (issue 33) ----------------------------------------------------------

JS_URL = "javascript:document.title='pwned'//"


def forged_source_address(pkg: Path, url: str = JS_URL) -> None:
    """A consistent forger's source address: CSV and Parquet alike, every hash recomputed."""
    forge.edit(pkg, "articles", lambda rows: forge.row(rows, "article_id", ARTICLE).update(url=url))


@pytest.mark.parametrize("url", [JS_URL, "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "JaVaScRiPt:alert(1)"])
def test_a_forged_source_address_that_is_not_http_is_a_finding_and_is_not_rendered(package_copy, tmp_path, url):
    forged_source_address(package_copy, url)
    r = CliRunner().invoke(cli, ["view", "--path", str(package_copy), "--out", str(tmp_path / "site")])
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1, r.output
    assert "not rendered, the package does not validate: articles-parquet row" in r.output and "url does not match" in r.output
    assert not (tmp_path / "site").exists() or not list((tmp_path / "site").glob("*.html"))
    report = validate(package_copy)
    assert {("frictionless", "articles"), ("provenance", "articles-parquet")} <= {(f.layer, f.table) for f in report.findings
                                                                                 if "url" in f.message}, report.to_text()[:3000]


def test_no_script_runs_from_a_forged_page(driver, package_copy, tmp_path, monkeypatch):
    """With the refusal switched off, the forged address is still no link, and a script or an
    event handler put into the page afterwards is refused by the page's Content-Security-Policy,
    while the page's own script (allowed by its sha256) still works."""
    import newsfacts.view.site as site_mod

    forged_source_address(package_copy)
    monkeypatch.setattr(site_mod, "render_problems", lambda arrows, desc: [])
    out = tmp_path / "site"
    build_site(out, root=package_copy)
    page = out / page_name(ARTICLE)
    driver.get(page.as_uri())
    assert driver.find_elements("css selector", "header a.source") == []
    assert driver.execute_script("return [...document.querySelectorAll('[href]')].filter(e => !/^(index\\.html|#|data:,$|article-)/.test(e.getAttribute('href'))).length") == 0
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<body>", "<body><script>document.title = 'pwned'</script>"
                                 "<img src=\"data:,\" onerror=\"document.title = 'pwned too'\">", 1), encoding="utf-8")
    driver.get(page.as_uri())
    time.sleep(0.3)
    assert "pwned" not in driver.title
    errors = console_errors(driver)
    assert any("Content Security Policy" in e and "inline script" in e for e in errors), errors
    assert any("Content Security Policy" in e and "event handler" in e for e in errors), errors
    mark = driver.find_element("css selector", "#text [data-m][id]")
    mark.click()
    assert driver.find_elements("css selector", "#details section.row")  # the page's own script ran


def test_every_page_carries_a_strict_policy_with_the_hashes_of_its_own_code(site):
    import base64
    import hashlib

    for p in site.glob("*.html"):
        html = p.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1).replace("&#39;", "'")
        assert policy.startswith("default-src 'none'; ") and "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert html.index("Content-Security-Policy") < html.index("<style>")
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
            want = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in bodies} or {"'none'"}
            assert set(re.search(rf"{directive} ([^;]+)", policy).group(1).split()) == want
        assert " style=" not in html  # no inline style attribute: the policy allows none
