"""A headless Chromium for the report tests, driven by Selenium through the system's
chromedriver (Debian: ``apt-get install chromium chromium-driver``), so nothing is downloaded.

Where Chromium cannot be had the tests skip saying how to install it, except under CI
(``CI`` set), where a missing browser fails: a browser test skipped in CI tests nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Screenshots of every page a test loads: kept by CI as artifacts, ignored by git.
ARTIFACTS = Path(os.environ.get("DASHUANG_ARTIFACTS", ROOT / ".ci" / "artifacts")) / "browser"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_INSTALL = "install it with `apt-get install chromium chromium-driver` and `pip install -e .[test]`"


def _missing(why: str) -> None:
    message = f"no headless browser for the report tests: {why}; {_INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _paths() -> tuple[str, str]:
    browser = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, _BROWSERS)), None)
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if browser is None:
        _missing("chromium not found")
    if driver is None:
        _missing("chromedriver not found")
    assert browser is not None and driver is not None
    return browser, driver


@pytest.fixture(scope="session", name="browser")
def chromium() -> Iterator[Any]:
    """A headless Chromium (a Selenium WebDriver), one for the whole session."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("the selenium package is not installed")
    path, driver_path = _paths()
    options = webdriver.ChromeOptions()
    options.binary_location = path
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1400,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        _missing(f"chromium did not start ({exc.msg})")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def load(driver: Any, page: Path) -> None:
    """Open ``page`` and wait for its script to have run (it marks ``body[data-ready]``)."""
    driver.get(page.resolve().as_uri())
    assert driver.execute_script("return document.body.dataset.ready") == "1", "the page's script did not run"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def screenshot(driver: Any, name: str) -> Path:
    """Save what the browser shows as ARTIFACTS/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
