"""The one report format shared by every importer, its command and its admin page."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

# Every counter an importer may keep, in the order the summary shows them.
COUNT_LABELS = {
    "created": pgettext_lazy("import report", "created"),
    "updated": pgettext_lazy("import report", "updated"),
    "unchanged": pgettext_lazy("import report", "unchanged"),
    "written": pgettext_lazy("import report", "written"),
    "addresses": pgettext_lazy("import report", "old addresses redirected"),
    "comments": pgettext_lazy("import report", "comments"),
    "comments_updated": pgettext_lazy("import report", "comments updated"),
    "comments_unchanged": pgettext_lazy("import report", "comments unchanged"),
    "skipped": pgettext_lazy("import report", "skipped"),
    "replies": pgettext_lazy("import report", "of them replies"),
    "deleted": pgettext_lazy("import report", "deleted, not imported"),
    "spam": pgettext_lazy("import report", "spam, not imported"),
    "duplicates": pgettext_lazy("import report", "duplicates, not imported"),
    "unmatched": pgettext_lazy("import report", "in threads without a post"),
    "pingbacks": pgettext_lazy("import report", "pingbacks and trackbacks, not imported"),
    "pages_created": pgettext_lazy("import report", "pages created"),
    "pages_updated": pgettext_lazy("import report", "pages updated"),
    "pages_unchanged": pgettext_lazy("import report", "pages unchanged"),
    "attachments": pgettext_lazy("import report", "attachments, listed"),
}

# What became of one input, as its line in the list of items says.
OUTCOMES = {
    "created": pgettext_lazy("import report", "new"),
    "updated": pgettext_lazy("import report", "updated"),
    "unchanged": pgettext_lazy("import report", "unchanged"),
}


@dataclass(frozen=True)
class Note:
    """One message about one input: a file name, a thread link or a tag."""

    name: str
    message: str

    def __str__(self):
        return f"{self.name}: {self.message}"


@dataclass
class Report:
    """What an import did (or, in a dry run, would do).

    ``items`` names every input (file or thread) with what happened to it,
    under the heading ``items_label``; ``skipped`` lists inputs left out with
    the reason; ``warnings`` lists inputs imported with something the author
    should check.
    """

    subject: str
    dry_run: bool = False
    items_label: str = ""
    counts: dict = field(default_factory=dict)
    items: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def add(self, key, number=1):
        self.counts[key] = self.counts.get(key, 0) + number

    def record(self, name, outcome):
        """Say what happened to the input ``name``: new, updated, unchanged…"""
        self.items.append(Note(str(name), str(outcome)))

    def settle(self, name, outcome, changes=()):
        """Count ``name`` as created, updated or unchanged, and list it so (with ``changes``)."""
        self.add(outcome)
        if changes:
            text = pgettext("import report", "updated (%(fields)s)") % {
                "fields": ", ".join(changes)
            }
        else:
            text = OUTCOMES[outcome]
        self.record(name, text)

    def skip(self, name, message, *, count=True, listed=False):
        """Leave ``name`` out because of ``message``; ``listed``: it is one of the items."""
        if count:
            self.add("skipped")
        self.skipped.append(Note(str(name), str(message)))
        if listed:
            self.record(
                name, pgettext("import report", "skipped (%(reason)s)") % {"reason": message}
            )

    def warn(self, name, message):
        self.warnings.append(Note(str(name), str(message)))

    @property
    def summary(self):
        parts = [
            f"{self.counts[key]} {label}"
            for key, label in COUNT_LABELS.items()
            if self.counts.get(key)
        ]
        text = _("%(subject)s: %(counts)s.") % {
            "subject": self.subject,
            "counts": ", ".join(parts) or _("nothing to do"),
        }
        if self.dry_run:
            text = _("Dry run, nothing was saved. %(summary)s") % {"summary": text}
        return text

    @property
    def sorted_items(self):
        return sorted(self.items, key=lambda note: note.name)

    @property
    def other_skipped(self):
        """Skipped inputs that are not among the items (a comment, an unreadable export)."""
        listed = {note.name for note in self.items}
        return [note for note in self.skipped if note.name not in listed]

    def lines(self):
        """The report as plain text lines: summary, items, other skipped inputs, warnings."""
        lines = [self.summary]
        if self.items:
            lines.append(f"{self.items_label}:")
            lines += [f"  {note}" for note in self.sorted_items]
        if self.other_skipped:
            lines.append(_("Skipped:"))
            lines += [f"  {note}" for note in self.other_skipped]
        if self.warnings:
            lines.append(_("Check:"))
            lines += [f"  {note}" for note in self.warnings]
        return lines
