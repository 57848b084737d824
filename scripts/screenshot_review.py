"""Screenshot of `newsfacts review` for the README: a real draft of a dev article, in a copy of
the checkout, reviewed in headless Chromium (one suggestion confirmed, one row open for editing).

    python scripts/screenshot_review.py [--out docs/review.png] [--article dod-2016-12-21-us-russia-flight-safety-syria]

Needs Debian's chromium and chromium-driver and the dev extra. Nothing is fetched from the network."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from browser import chrome  # tests/browser.py: the one place that knows how to start Chromium

    from newsfacts.draft import draft, write_draft
    from newsfacts.review import Review
    from newsfacts.review.server import server

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    ap.add_argument("--article", default="dod-2016-12-21-us-russia-flight-safety-syria")
    ap.add_argument("--publisher", default="U.S. Department of Defense")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        for part in ("build", "schemas"):
            shutil.copytree(ROOT / part, copy / part)
        (copy / "datapackage.json").write_text((ROOT / "datapackage.json").read_text(encoding="utf-8"), encoding="utf-8")
        folder = copy / "build" / "articles" / args.article
        (folder / "coding.yaml").unlink()
        (folder / "source.yaml").unlink()
        write_draft(draft(folder / "article.txt", args.publisher, article_id=args.article), folder)
        srv, url = server(Review(folder))
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        driver = chrome(width=1400, height=900)
        try:
            driver.get(url)
            for _ in range(200):
                if driver.execute_script("return document.querySelectorAll('#rows .row').length"):
                    break
                time.sleep(0.05)
            rows = driver.find_elements("css selector", "#rows .row")
            rows[0].find_element("css selector", "button.confirm").click()
            time.sleep(1)
            driver.find_elements("css selector", "#rows .row")[1].find_element("css selector", "button.edit").click()
            time.sleep(0.5)
            driver.execute_script("window.scrollTo(0, 0)")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.out))
        finally:
            driver.quit()
            srv.should_exit = True
    print(args.out)


if __name__ == "__main__":
    main()
