"""Moving a blog in and out: Jekyll/Octopress and WordPress posts, Disqus comments,
Jekyll export.

The management commands and the admin upload pages call the same functions
and print the same :class:`~importers.report.Report`.
"""
