"""Take the explorer's screenshots of docs/explorer.md and README.md again: a server on the demo data, and
Debian's chromium driven by playwright, on the national view, a candidature and an NRU page, in French.

    PYTHONPATH=src python docs/screenshots/refresh.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SHOTS = {
    "explorer-national.png": "explore?as_of=2026-07-01",
    "explorer-candidature.png": "explore/candidature/C4-CAND-DOM?as_of=2026-07-15",
    "explorer-nru.png": "explore/nru/C4-NRU-MV?as_of=2026-07-15",
}


def main() -> None:
    with SparqlServer(load([], demo=True).store, port=0, workers=1) as server, sync_playwright() as p:
        server.start()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(locale="fr-FR", viewport={"width": 1280, "height": 900})
        for name, path in SHOTS.items():
            page.goto(server.url + path)
            page.screenshot(path=str(HERE / name), full_page=False)
            print(HERE / name)
        browser.close()


if __name__ == "__main__":
    main()
