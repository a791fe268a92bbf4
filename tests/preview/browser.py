"""A real headless Chromium for the preview's tests, driven by selenium.

Debian's `chromium` and `chromium-driver` packages provide it (`.ci/run` installs
them). Nothing is downloaded: the driver's path is given, so Selenium Manager is
never asked for one. Without Chromium the tests are skipped locally, and fail
in CI (`CI=true`), where a missing browser would otherwise pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1600",
    "--hide-scrollbars",
)


def executables() -> tuple[str, str]:
    """Chromium and its driver, or skip (fail under CI) saying what is missing."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
    )
    if browser and driver:
        return browser, driver
    reason = (
        "headless Chromium is not installed: apt-get install chromium chromium-driver"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def start(profile: Path) -> webdriver.Chrome:
    """A headless Chromium with a fresh profile directory."""
    browser, driver = executables()
    options = Options()
    options.binary_location = browser
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)
