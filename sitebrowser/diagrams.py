"""Diagram labels as a reader sees them: SVG font size times the scale the image is drawn at."""

from __future__ import annotations

_DIAGRAM_LABELS_JS = """async () => {
  const imgs = [...document.querySelectorAll('.md-content img[src*="assets/diagrams/"]')]
    .filter(img => img.checkVisibility({visibilityProperty: true}));
  await Promise.all(imgs.map(img => { img.loading = 'eager'; return img.decode().catch(() => null); }));
  const out = [];
  for (const img of imgs) {
    const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml');
    const root = svg.documentElement;
    const viewBoxWidth = root.viewBox.baseVal.width;
    const shown = img.getBoundingClientRect().width;
    const scale = shown / viewBoxWidth;
    const labels = [...root.querySelectorAll('text')].map(t => ({
      role: t.getAttribute('data-role'), text: t.textContent,
      px: parseFloat(t.getAttribute('font-size')) * scale}));
    out.push({src: img.getAttribute('src'), current: img.currentSrc.split('/').pop(), shown, viewBoxWidth, labels});
  }
  return out;
}"""


def diagram_labels(page) -> list[dict]:
    """Every visible diagram on `page`: the file shown, its rendered width, and each label's size in CSS px.

    A label's size is its font-size in the SVG times the scale the image is drawn at
    (rendered width / viewBox width): the size a reader sees.
    """
    return page.evaluate(_DIAGRAM_LABELS_JS)


MIN_LABEL_PX = 11  # the smallest text a phone reader can read without zooming


def diagram_label_problems(page, label: str, width: int, minimum: float = MIN_LABEL_PX) -> list[str]:
    """Every diagram label on `page` drawn smaller than `minimum` CSS px, one problem per diagram."""
    problems = []
    for diagram in diagram_labels(page):
        small = [f"{t['role']} {t['text']!r} {t['px']:.1f} px" for t in diagram["labels"] if t["px"] < minimum]
        if small:
            problems.append(
                f"{label}: {diagram['current']} is shown {diagram['shown']:.0f} px wide at a {width} px viewport, "
                f"so {len(small)} label(s) are under {minimum} px ({'; '.join(small[:3])}); "
                "give it a narrow drawing (hooks/diagrams.py DIAGRAMS) or larger text"
            )
    return problems
