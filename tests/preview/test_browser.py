"""The preview site opened in a real headless Chromium (see browser.py)."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageStat
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from chatapp_lint.commands import run
from tests.preview.browser import start

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
OURS = Path(__file__).parent / "templates"
_VARIABLE = re.compile(r"\$\(([^()\s]*)\)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site")
    paths = [str(EXAMPLES / "templates"), str(EXAMPLES / "bad"), str(OURS)]
    assert run(["preview", *paths, "-o", str(directory)]) == 0
    return directory


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    driver = start(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def index(browser: webdriver.Chrome, site: Path) -> webdriver.Chrome:
    """The index page, loaded once: tests that change it put it back."""
    page = (site / "index.html").as_uri()
    if browser.current_url != page:
        browser.get(page)
    return browser


def _articles(driver: webdriver.Chrome, file: Path) -> list[WebElement]:
    name = str(file).replace("\\", "\\\\").replace('"', '\\"')
    return driver.find_elements(By.CSS_SELECTOR, f'article[data-file="{name}"]')


def _template_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".json", ".yaml"})


@pytest.mark.parametrize(
    "file",
    _template_files(EXAMPLES / "templates") + _template_files(EXAMPLES / "bad"),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_example_is_drawn(index: webdriver.Chrome, file: Path) -> None:
    articles = _articles(index, file)
    assert len(articles) == _template_count(file)
    for article in articles:
        drawn = article.find_elements(By.CSS_SELECTOR, ".bubble")
        if drawn:
            assert drawn[0].size["height"] > 20
        else:  # too broken to draw: says so in its place, with the finding why
            assert article.find_element(By.CSS_SELECTOR, ".broken").text
            assert article.find_element(By.CSS_SELECTOR, ".finding").text
    if file.parent.name == "bad":
        assert index.execute_script(
            "return [...arguments[0]].map(a => a.querySelectorAll('.finding').length)"
            ".reduce((x, y) => x + y, 0)",
            articles,
        )


def _template_count(file: Path) -> int:
    """How many templates a file holds: one unless it is a readable, non-empty list."""
    try:
        value = _load(file)
    except (ValueError, yaml.YAMLError):
        return 1
    return len(value) if isinstance(value, list) and value else 1


def _load(file: Path) -> Any:
    text = file.read_text(encoding="utf-8")
    return json.loads(text) if file.suffix == ".json" else yaml.safe_load(text)


def _variables(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(member name, variable name) of each `$(name)` in the template's strings."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _variables(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _variables(item, key)
    elif isinstance(value, str):
        for name in _VARIABLE.findall(value):
            yield key, name


@pytest.mark.parametrize(
    "file", _template_files(EXAMPLES / "templates"), ids=lambda p: p.name
)
def test_the_dom_holds_the_samples(index: webdriver.Chrome, file: Path) -> None:
    template = _load(file)
    (article,) = _articles(index, file)
    assert not article.find_elements(By.CSS_SELECTOR, ".var-missing")
    marked = {
        (v.get_attribute("data-variable"), v.text)
        for v in article.find_elements(By.CSS_SELECTOR, ".var")
    }
    text = article.text
    for member, name in _variables(template.get("Components")):
        sample = str(template["Example"][name])
        if member == "Text":  # drawn text: the sample, marked as a variable
            assert (name, sample) in marked
        else:  # an address: shown with the sample in place
            assert sample in text
        assert f"$({name})" not in text


def test_right_to_left_languages_are_laid_out_right_to_left(
    index: webdriver.Chrome,
) -> None:
    for file in (OURS / "arabic-rtl.yaml", OURS / "hebrew-rtl.json"):
        (article,) = _articles(index, file)
        chat = article.find_element(By.CSS_SELECTOR, ".chat")
        assert chat.value_of_css_property("direction") == "rtl"
        body = article.find_element(By.CSS_SELECTOR, ".body-text")
        bubble = article.find_element(By.CSS_SELECTOR, ".bubble")
        # The bubble sits at the right of a right-to-left chat.
        right_gap = (
            chat.rect["x"]
            + chat.rect["width"]
            - bubble.rect["x"]
            - bubble.rect["width"]
        )
        assert right_gap < bubble.rect["x"] - chat.rect["x"]
        assert body.text
    (english,) = _articles(index, EXAMPLES / "templates" / "viber-image.yaml")
    chat = english.find_element(By.CSS_SELECTOR, ".chat")
    assert chat.value_of_css_property("direction") == "ltr"


def test_template_text_never_runs(index: webdriver.Chrome) -> None:
    (article,) = _articles(index, OURS / "hostile.yaml")
    WebDriverWait(index, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    assert index.execute_script("return window.__pwned === undefined")
    assert index.execute_script("return document.scripts.length") == 1
    assert (
        index.execute_script(
            "return document.querySelectorAll('[onerror], [onmouseover]').length"
        )
        == 0
    )
    body = article.find_element(By.CSS_SELECTOR, ".body-text").text
    assert "<script>window.__pwned = 'body'</script>" in body
    sample = article.find_element(By.CSS_SELECTOR, ".var").text
    assert sample == "<b onmouseover=\"window.__pwned='sample'\">Sam</b>"
    assert "</article>" in article.find_element(By.CSS_SELECTOR, ".footer-text").text
    image = article.find_element(By.CSS_SELECTOR, "img.media")
    assert image.get_attribute("src").startswith("https://media.invalid/a.png")


def test_media_that_cannot_load_leaves_its_labelled_placeholder(
    index: webdriver.Chrome,
) -> None:
    (article,) = _articles(index, OURS / "hostile.yaml")
    image = article.find_element(By.CSS_SELECTOR, "img.media")
    WebDriverWait(index, 15).until(lambda _: "failed" in image.get_attribute("class"))
    assert not image.is_displayed()
    label = article.find_element(By.CSS_SELECTOR, ".placeholder-label")
    assert label.is_displayed()
    assert label.text == "Image"


def test_whatsapp_styles_are_drawn(index: webdriver.Chrome) -> None:
    (article,) = _articles(index, OURS / "hostile.yaml")
    styles = {
        name: article.find_element(By.CSS_SELECTOR, f".fmt-{name}")
        for name in ("bold", "italic", "strike", "mono")
    }
    assert int(styles["bold"].value_of_css_property("font-weight")) >= 700
    assert styles["italic"].value_of_css_property("font-style") == "italic"
    assert "line-through" in styles["strike"].value_of_css_property("text-decoration")
    assert "mono" in styles["mono"].value_of_css_property("font-family")


def test_filters_hide_what_does_not_match(index: webdriver.Chrome) -> None:
    def shown() -> list[WebElement]:
        return [
            a
            for a in index.find_elements(By.CSS_SELECTOR, "article.template")
            if a.is_displayed()
        ]

    everything = len(shown())
    channel = Select(index.find_element(By.NAME, "channel"))
    errors = index.find_element(By.NAME, "errors")
    try:
        channel.select_by_value("VIBER")
        vibers = shown()
        assert 0 < len(vibers) < everything
        assert {a.get_attribute("data-channel") for a in vibers} == {"VIBER"}
        channel.select_by_value("")
        errors.click()
        failing = shown()
        assert 0 < len(failing) < everything
        assert all(a.get_attribute("data-errors") != "0" for a in failing)
    finally:
        channel.select_by_value("")
        if errors.is_selected():
            errors.click()
    assert len(shown()) == everything


def test_a_template_page_opens_on_its_own(
    browser: webdriver.Chrome, site: Path
) -> None:
    (page,) = (site / "templates").glob("*arabic-rtl-yaml-*-0.html")
    browser.get(page.as_uri())
    chat = browser.find_element(By.CSS_SELECTOR, ".chat")
    assert chat.value_of_css_property("direction") == "rtl"
    assert browser.find_element(By.CSS_SELECTOR, ".var").text == "سارة"


def _artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("CHATAPP_LINT_ARTIFACTS")
    if configured:
        folder = Path(configured) / "preview"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("preview-screenshots")


@pytest.mark.parametrize(
    "file",
    [
        EXAMPLES / "templates" / "whatsapp-marketing-carousel.yaml",
        EXAMPLES / "templates" / "whatsapp-authentication-copy-code.yaml",
        EXAMPLES / "templates" / "whatsapp-marketing-limited-time-offer.yaml",
        EXAMPLES / "templates" / "viber-video.yaml",
        OURS / "arabic-rtl.yaml",
    ],
    ids=lambda p: p.stem,
)
def test_screenshots_are_kept_and_not_blank(
    index: webdriver.Chrome, file: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (article,) = _articles(index, file)
    index.execute_script("arguments[0].scrollIntoView()", article)
    png = article.screenshot_as_png
    (_artifacts(tmp_path_factory) / f"{file.stem}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.width > 200
    assert image.height > 150
    # A blank or single-colour picture has (almost) no variance.
    assert ImageStat.Stat(image).var[0] > 100
