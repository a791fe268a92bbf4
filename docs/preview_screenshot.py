"""Take the README's screenshot of the preview site (docs/preview.png).

Run from the repository root after `chatapp-lint preview examples/ -o site/`:
`.venv/bin/python docs/preview_screenshot.py`. It uses the same headless
Chromium as the browser tests, scrolls the index to one group of translations
and saves the viewport with a reduced palette, to keep the file small.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.preview.browser import start

GROUP = "oferta_relampago_cupon"
SCROLL = "arguments[0].scrollIntoView(); window.scrollBy(0, -document.querySelector('.top').offsetHeight - 8)"


def main() -> None:
    """Save the screenshot and say how large it is."""
    with tempfile.TemporaryDirectory() as profile:
        driver = start(Path(profile))
        try:
            driver.set_window_size(1240, 1000)
            driver.get(Path("site/index.html").resolve().as_uri())
            group = driver.find_element(
                By.CSS_SELECTOR, f'section.group[data-name="{GROUP}"]'
            )
            driver.execute_script(SCROLL, group)
            png = driver.get_screenshot_as_png()
        finally:
            driver.quit()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    target = Path("docs/preview.png")
    image.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(
        target, optimize=True
    )
    sys.stdout.write(f"{target}: {target.stat().st_size:,} bytes\n")


if __name__ == "__main__":
    main()
