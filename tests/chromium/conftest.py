"""Real-browser tests: Debian's headless Chromium driven by Playwright for Python
(never a browser of Playwright's own), against the functional test server.

Screenshots of the key pages go to test-artifacts/screenshots/ (git-ignored).
"""

from pathlib import Path
from playwright.sync_api import sync_playwright

import pytest


CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# What every key page must pass: one h1, the landmarks, labelled fields, alt texts,
# and text contrast (WCAG AA) from the colours Chromium actually renders.
ACCESSIBILITY_PROBLEMS = """
() => {
  const problems = [];
  const shown = (element) => {
    const style = getComputedStyle(element);
    return element.getClientRects().length > 0 && style.visibility !== "hidden";
  };
  const headings = [...document.querySelectorAll("h1")].filter(shown);
  if (headings.length !== 1) problems.push(`${headings.length} h1 shown`);
  for (const [selector, landmark] of [
    ["body > header, .outer-wrapper > header, [role=banner]", "banner"],
    ["main, [role=main]", "main"],
    ["nav, [role=navigation]", "navigation"],
    ["footer, [role=contentinfo]", "contentinfo"],
    ["[role=search]", "search"],
  ]) {
    if (!document.querySelector(selector)) problems.push(`no ${landmark} landmark`);
  }
  for (const field of document.querySelectorAll("input, select, textarea")) {
    if (["hidden", "submit", "button", "reset", "image"].includes(field.type) || !shown(field)) continue;
    const labelled = field.labels.length || field.getAttribute("aria-label")
      || field.getAttribute("aria-labelledby") || field.title;
    if (!labelled) problems.push(`unlabelled field ${field.outerHTML.slice(0, 100)}`);
  }
  for (const image of document.querySelectorAll("img")) {
    if (!image.hasAttribute("alt")) problems.push(`image without alt ${image.src}`);
  }
  const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  for (const element of document.querySelectorAll("body *")) {
    const text = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()
    );
    if (!text || !shown(element) || element.closest("#edit-bar, .visually-hidden, .hiddenStructure, [hidden]")) continue;
    const style = getComputedStyle(element);
    if (style.opacity === "0") continue;
    const [lighter, darker] = [luminance(rgb(style.color)), luminance(background(element))]
      .sort((a, b) => b - a);
    const ratio = (lighter + 0.05) / (darker + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`contrast ${ratio.toFixed(2)} for "${element.textContent.trim().slice(0, 40)}" (${style.color} on ${getComputedStyle(element).backgroundColor})`);
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            "The browser tests need Debian's Chromium: apt-get install chromium chromium-driver",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, functional_portal):
    """``new_page(viewport=DESKTOP)``: a tab in a fresh browser profile (no cookies),
    whose relative addresses are the test site's."""
    contexts = []

    def new_page(viewport=DESKTOP):
        context = chromium.new_context(
            viewport=viewport, base_url=functional_portal.absolute_url() + "/",
            locale="en-GB",
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return screenshot


@pytest.fixture
def accessible():
    """Assert a page passes the basic accessibility checks."""

    def accessible(page):
        problems = page.evaluate(ACCESSIBILITY_PROBLEMS)
        assert not problems, f"{page.url}: {problems}"

    return accessible


@pytest.fixture
def log_in():
    """Log in through Plone's login form, as a person would."""

    def log_in(page, login, password, language="en"):
        page.goto(f"{language}/login")
        page.fill("#__ac_name", login)
        page.fill("#__ac_password", password)
        page.click("#buttons-login")
        page.wait_for_load_state()

    return log_in
