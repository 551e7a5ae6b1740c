"""The evidence report and a notebook report in a real browser (headless Chromium through selenium).

Checks what only a browser shows: the page runs without console errors, the
filters change what is shown, and hostile corpus text (a ``<script>``, an
``<img onerror>``, an ``<svg onload>``) does not run. Every request to the
network is blocked, so the tests also show that the report needs none.

Needs ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` (Debian: ``apt-get
install chromium chromium-driver``) and selenium; without them the whole
module is skipped with the reason shown. ``FRAMING_LAB_CHROMIUM`` and
``FRAMING_LAB_CHROMEDRIVER`` name other paths.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("FRAMING_LAB_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("FRAMING_LAB_CHROMEDRIVER", "/usr/bin/chromedriver"))
_missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
if _missing:
    pytest.skip(f"browser tests need {' and '.join(_missing)} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver",
                                reason="browser tests need selenium (pip install -r requirements.txt)")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from analysis import analyse  # noqa: E402
from analysis.present.report import write_report  # noqa: E402
from tests.test_report import SCRIPT_TAG, make_hostile_corpus  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Flags that work here as root in a container: no sandbox, no GPU, nothing fetched in the background.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,900")
#: Seconds a page may take to load (a notebook report is a few MB).
PAGE_TIMEOUT = 60
#: Every scheme that reaches the network: blocked, so nothing is fetched during the tests.
NETWORK = ["http://*", "https://*", "ws://*", "wss://*"]
#: JavaScript: how many statements are shown (an element hidden by display:none has no offsetParent).
VISIBLE_STATEMENTS = ("return Array.prototype.filter.call(document.querySelectorAll('li.statement'), "
                      "function (e) { return e.offsetParent !== null; }).length;")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.set_capability("unhandledPromptBehavior", "ignore")  # an alert stays open, so a test can see it
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": NETWORK})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    return write_report(analyse(), tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def hostile_report_file(hostile_corpus, tmp_path_factory):
    return write_report(analyse(hostile_corpus), tmp_path_factory.mktemp("hostile-report") / "report.html")


@pytest.fixture(scope="module")
def notebook_report_file(hostile_corpus, tmp_path_factory):
    """Notebook 01 executed on the hostile corpus (FRAMING_LAB_CORPUS) and exported as HTML."""
    from analysis.paths import NOTEBOOK_DIR
    from analysis.teach.notebooks import execute_notebook, export_html

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRAMING_LAB_CORPUS", str(hostile_corpus))
        nb = execute_notebook(NOTEBOOK_DIR / "01_corpus.ipynb")
    return export_html(nb, tmp_path_factory.mktemp("notebook") / "01_corpus.html")


def load(driver, path: Path) -> list[dict]:
    """Open ``path`` and return what the page wrote to the console while loading (errors included)."""
    driver.get_log("browser")  # drop what an earlier page left
    driver.get(path.resolve().as_uri())
    assert_no_alert(driver)
    return driver.get_log("browser")


def assert_no_alert(driver) -> None:
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    text = alert.text
    alert.dismiss()
    pytest.fail(f"the page opened an alert: {text!r}")


def errors(log: list[dict], allowed_urls=()) -> list[dict]:
    """The console entries at error level, except blocked requests for ``allowed_urls``."""
    return [e for e in log if e["level"] == "SEVERE"
            and not (e.get("source") == "network" and any(e["message"].startswith(u) for u in allowed_urls))]


def assert_nothing_ran(driver) -> None:
    assert driver.execute_script("return typeof window.pwned;") == "undefined"
    assert_no_alert(driver)


# ----------------------------------------------------------------------------- the evidence report

def test_the_report_loads_without_console_errors(browser, report_file):
    log = load(browser, report_file)
    assert errors(log) == [], log
    assert browser.find_element(By.ID, "filters").is_displayed()  # the script ran and showed the filters
    assert browser.execute_script(VISIBLE_STATEMENTS) == 63
    assert browser.find_element(By.ID, "filter-count").text == "63 of 63 statements shown"


def test_choosing_a_filter_changes_what_is_shown(browser, report_file):
    load(browser, report_file)
    side = Select(browser.find_element(By.ID, "filter-side"))
    side.select_by_value("china")
    assert browser.execute_script(VISIBLE_STATEMENTS) == 9
    assert browser.find_element(By.ID, "filter-count").text == "9 of 63 statements shown"
    side.select_by_value("all")

    meeting = Select(browser.find_element(By.ID, "filter-meeting"))
    press = [o.get_attribute("value") for o in meeting.options if "blinken-beijing-press-conference" in o.text]
    meeting.select_by_value(press[0])
    assert browser.execute_script(VISIBLE_STATEMENTS) == 18
    visible_sections = [s.get_attribute("id") for s in browser.find_elements(By.CSS_SELECTOR, "section.meeting")
                        if s.is_displayed()]
    assert visible_sections == press
    meeting.select_by_value("all")

    category = Select(browser.find_element(By.ID, "filter-category"))
    hedges = [o.get_attribute("value") for o in category.options if o.text == "hedge"]
    category.select_by_value(hedges[0])
    shown = browser.execute_script(VISIBLE_STATEMENTS)
    assert 0 < shown < 63
    items = [li for li in browser.find_elements(By.CSS_SELECTOR, "li.statement") if li.is_displayed()]
    assert all(hedges[0] in li.get_attribute("data-cats").split() for li in items)
    category.select_by_value("all")
    assert browser.execute_script(VISIBLE_STATEMENTS) == 63
    assert errors(browser.get_log("browser")) == []


def test_hostile_text_in_the_report_is_shown_and_does_not_run(browser, hostile_report_file):
    log = load(browser, hostile_report_file)
    assert errors(log) == [], log  # a blocked inline script would be a CSP error here
    assert_nothing_ran(browser)
    text = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT_TAG in text and "onerror='window.pwned=2" in text and "<svg onload=" in text
    assert browser.find_elements(By.CSS_SELECTOR, "svg") == []
    assert all(img.get_attribute("src").startswith("data:image/png")
               for img in browser.find_elements(By.TAG_NAME, "img"))


# ----------------------------------------------------------------------------- a notebook report

def test_hostile_text_in_a_notebook_report_does_not_run(browser, notebook_report_file):
    page = notebook_report_file.read_text(encoding="utf-8")
    # export_html leaves out nbconvert's CDN scripts (require.js, MathJax): the page loads nothing.
    assert re.findall(r'<script src="(https?://[^"]+)"', page) == []
    log = load(browser, notebook_report_file)
    assert errors(log) == [], log
    assert_nothing_ran(browser)
    assert SCRIPT_TAG in browser.find_element(By.TAG_NAME, "body").text
