"""The batch HTML report opened for real in headless Chromium.

Runs when ``/usr/bin/chromium`` exists (Debian's ``chromium`` package; CI
installs it), else is skipped with the reason. Chromium dumps the DOM after
the page's scripts ran, so the test sees what a reader sees: the overview
table (filled counter of the filter script), the chart, and on a document
page the highlighted passages and the comments. Screenshots are saved under
``$REPORTCHECK_ARTIFACTS`` (a CI artefact folder) or the test's tmp folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from lxml import html as lxml_html

import reportcheck
from reportcheck.render.html_report import write_html_report
from reportcheck.report import Report

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dang-bo-xa-tan-phu"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (apt-get install chromium to run this test)")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1400,1800", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("REPORTCHECK_ARTIFACTS") or tmp_path / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> tuple[Path, Report]:
    pol = reportcheck.load(str(EXAMPLE / "political.txt"))
    rev = reportcheck.load(str(EXAMPLE / "review.txt"))
    report = Report([reportcheck.check_document(pol), reportcheck.check_document(rev, pair=pol)])
    out = tmp_path_factory.mktemp("html-report")
    write_html_report(report, out)
    return out, report


def test_index_renders_in_chromium(tmp_path, report_dir):
    out, report = report_dir
    index = out / "index.html"
    dom = _chromium(tmp_path, "--dump-dom", index.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml_html.fromstring(dom.stdout)
    rows = tree.xpath('//table[@id="overview"]/tbody/tr')
    assert len(rows) == len(report.documents)
    # the filter script ran: it wrote the number of rows shown
    assert tree.xpath('string(//*[@id="f-count"])') == str(len(report.documents))
    assert tree.xpath("//svg//rect[contains(@class, 'bar')]")
    shot = _artifacts(tmp_path) / "report-index.png"
    res = _chromium(tmp_path, f"--screenshot={shot}", index.as_uri())
    assert res.returncode == 0 and shot.is_file() and shot.stat().st_size > 5000


def test_document_page_renders_highlights_in_chromium(tmp_path, report_dir):
    out, report = report_dir
    review = report.documents[1]
    index = lxml_html.fromstring((out / "index.html").read_text(encoding="utf-8"))
    href = next(a.get("href") for a in index.xpath("//table[@id='overview']//a") if a.text_content() == "review.txt")
    page = out / href
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml_html.fromstring(dom.stdout)
    n = len(review.findings_as_dicts())
    marks = tree.xpath("//mark[contains(@class, 'hl')]")
    assert marks and {i for m in marks for i in m.get("data-f").split()} == {str(i) for i in range(1, n + 1)}
    assert len(tree.xpath("//div[contains(@class, 'note')][@data-id]")) == n
    assert tree.xpath("//a[@class='rel-link']"), "links to the repeated passages of the political report"
    shot = _artifacts(tmp_path) / "report-review.png"
    res = _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert res.returncode == 0 and shot.is_file() and shot.stat().st_size > 5000
