"""Screenshot of `newsfacts view` for the README, from the real package, in headless Chromium.

    python scripts/screenshot_viewer.py [--out docs/viewer.png] [--article tass-2015-10-22-ivanov]

Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) and
selenium (in the dev extra). Nothing is fetched from the network."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from browser import chrome  # tests/browser.py: the one place that knows how to start Chromium

    from newsfacts.view import build_site
    from newsfacts.view.site import page_name

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "viewer.png")
    ap.add_argument("--article", default="tass-2015-10-22-ivanov")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_site(tmp, root=ROOT)
        driver = chrome(width=1280, height=1000)
        try:
            driver.get((Path(tmp) / page_name(args.article)).as_uri())
            quote = driver.find_element("css selector", ".k-quote[id]")
            quote.click()  # the details panel shows a quote's rows
            driver.execute_script("window.scrollTo(0, 0)")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.out))
        finally:
            driver.quit()
    print(args.out)


if __name__ == "__main__":
    main()
