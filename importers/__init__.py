"""Moving a blog in and out: Octopress/Jekyll posts, Disqus comments, Jekyll export.

The management commands and the admin upload pages call the same functions
and print the same :class:`~importers.report.Report`.
"""
