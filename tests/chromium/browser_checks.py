"""What the browser tests share: where Debian's Chromium is, where screenshots go,
the two screen sizes, and the accessibility checks run in the page."""

from pathlib import Path


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
"""  # noqa: E501


def expect_the_player_focused(frame, timeout=5_000):
    """The player's iframe is its page's active element. Playwright's to_be_focused
    also wants the page's own document to have the focus, which it loses as soon as
    the focus moves on into the player's document (a cross-origin frame)."""
    frame.wait_for(state="attached", timeout=timeout)
    frame.page.wait_for_function(
        "frame => frame.ownerDocument.activeElement === frame",
        arg=frame.element_handle(), timeout=timeout,
    )
