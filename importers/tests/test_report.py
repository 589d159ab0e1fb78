from django.utils import translation

from importers.report import Note, Report


def test_summary_lists_counts_in_a_fixed_order_and_skips_zero():
    report = Report("Posts")
    report.add("unchanged", 2)
    report.add("created")
    report.skip("a.md", "broken")
    report.warn("b.md", "check this")
    with translation.override("en"):
        assert report.lines() == [
            "Posts: 1 created, 2 unchanged, 1 skipped.",
            "Skipped:",
            "  a.md: broken",
            "Check:",
            "  b.md: check this",
        ]


def test_empty_and_dry_run_reports():
    with translation.override("en"):
        assert Report("Posts").summary == "Posts: nothing to do."
        assert Report("Posts", dry_run=True).summary.startswith("Dry run, nothing was saved.")


def test_listing_without_counting():
    report = Report("Comments")
    report.skip("http://x/about/", "no post", count=False)
    assert report.counts == {} and report.skipped == [Note("http://x/about/", "no post")]


def test_items_are_listed_by_name_and_listed_skips_are_not_repeated():
    with translation.override("en"):
        report = Report("Posts", items_label="Files")
        report.record("b.md", "new")
        report.skip("a.md", "broken", listed=True)
        report.skip("disqus:3", "no valid date")
        assert report.lines() == [
            "Posts: 2 skipped.",
            "Files:",
            "  a.md: skipped (broken)",
            "  b.md: new",
            "Skipped:",
            "  disqus:3: no valid date",
        ]
