"""Links and images found in time proportional to the text's length.

Python-Markdown matches ``[text](address)`` by walking the rest of the
paragraph one character at a time for the closing ``]`` or ``)``. Text full of
``[`` or ``](`` that never close therefore cost time in proportion to the
square of its length (``"([a]" * 3000``, 12 KB, took over a second, 50 KB half
a minute). Here each walk looks at most ``LINK_WINDOW`` characters ahead, and
all walks of one document together at most ``SCAN_FACTOR`` times its length.
Real links never come near either bound; past them, brackets stay plain text,
as Markdown shows any link it cannot close.
"""

from markdown import inlinepatterns as patterns
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# Longer than any address and title a person types or pastes.
LINK_WINDOW = 2000
# Each character is walked over about once per link around it; four is plenty.
SCAN_FACTOR = 4


class _Budget:
    """Characters the link walks of the current document may still look at."""

    left = 0

    def window(self, data, index):
        return data[index : index + min(LINK_WINDOW, self.left)]

    def spend(self, characters):
        self.left = max(0, self.left - characters)


class _SetBudget(Preprocessor):
    def __init__(self, md, budget):
        super().__init__(md)
        self.budget = budget

    def run(self, lines):
        self.budget.left = SCAN_FACTOR * sum(len(line) + 1 for line in lines) + LINK_WINDOW
        return lines


class _BoundedScan:
    budget = None

    def getText(self, data, index):
        window = self.budget.window(data, index)
        if "]" not in window:
            return "", index, False
        text, end, handled = super().getText(window, 0)
        self.budget.spend(end)
        return text, index + end, handled

    def getLink(self, data, index):
        window = self.budget.window(data, index)
        if ")" not in window:
            return "", None, index, False
        href, title, end, handled = super().getLink(window, 0)
        self.budget.spend(end if handled else len(window))
        return href, title, index + end, handled

    def evalId(self, data, index, text):
        window = data[index : index + LINK_WINDOW]
        label, end, handled = super().evalId(window, 0, text)
        return label, index + end, handled


def _bounded(base):
    return type(f"Bounded{base.__name__}", (_BoundedScan, base), {})


# Python-Markdown's own link patterns, with the names and priorities it registers them under.
_PATTERNS = [
    (name, _bounded(base), pattern, priority)
    for name, base, pattern, priority in [
        ("reference", patterns.ReferenceInlineProcessor, patterns.REFERENCE_RE, 170),
        ("link", patterns.LinkInlineProcessor, patterns.LINK_RE, 160),
        ("image_link", patterns.ImageInlineProcessor, patterns.IMAGE_LINK_RE, 150),
        (
            "image_reference",
            patterns.ImageReferenceInlineProcessor,
            patterns.IMAGE_REFERENCE_RE,
            140,
        ),
        ("short_reference", patterns.ShortReferenceInlineProcessor, patterns.REFERENCE_RE, 130),
        (
            "short_image_ref",
            patterns.ShortImageReferenceInlineProcessor,
            patterns.IMAGE_REFERENCE_RE,
            125,
        ),
    ]
]


class BoundedLinksExtension(Extension):
    """Replace Python-Markdown's link and image patterns by bounded ones."""

    def extendMarkdown(self, md):
        budget = _Budget()
        # Before every other preprocessor, so the budget counts the text as written.
        md.preprocessors.register(_SetBudget(md, budget), "link_budget", 100)
        for name, processor, pattern, priority in _PATTERNS:
            instance = processor(pattern, md)
            instance.budget = budget
            md.inlinePatterns.register(instance, name, priority)
