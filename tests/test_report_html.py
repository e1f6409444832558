"""Issue 10: the HTML report, rendered in headless Chromium and saved as a screenshot to look at."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from sendvault.statistics import periods, report, formats as report_formats

from report_fakes import units

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOT = Path(__file__).resolve().parent.parent / "bench" / "out" / "report-html.png"


def _page() -> str:
    config = {"report": {"cross_tabulations": [{"rows": "primary_need", "columns": "age_band"}]}}
    today = dt.date(2025, 6, 1)
    rep = report.build(units(120, 7), periods.default_period(today), config, "Exampleshire SENDIASS", today)
    return report_formats.to_html(rep)


def test_the_page_has_no_script_and_no_outside_resource():
    page = _page()
    for forbidden in ("<script", "src=", "href=", "@import", "url(", "<link"):
        assert forbidden not in page
    assert page.count("<svg") > 20 and "Exampleshire SENDIASS" in page and "1 April 2024 to 31 March 2025" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it: apt-get install chromium)")
def test_headless_chromium_renders_it(tmp_path):
    html = tmp_path / "report.html"
    html.write_text(_page(), encoding="utf-8")
    shot = tmp_path / "report.png"
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,2400",
                        f"--screenshot={shot}", html.as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page with tables and bars, not a blank one
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SHOT)  # to look at: bench/out/report-html.png
