"""Staff upload pages for the importers, styled as admin pages.

They call the same import functions as the management commands and show the
same report. ``urls(admin_site)`` gives their URL patterns; the blog's admin
site mounts them under ``/admin/import/`` (see ``blog.admin``).
"""

from functools import partial

from django import forms
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.models import Comment
from importers.disqus import import_disqus
from importers.jekyll import import_posts
from importers.jekyll_site import Site, read_config, site_from_config
from importers.report import Report
from importers.uploads import BadArchive, read_zip, read_zip_config
from importers.wordpress import import_wordpress
from posts.models import Page, Post

MAX_XML_BYTES = 50 * 1024 * 1024


class UploadForm(forms.Form):
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: report only, save nothing"), required=False
    )
    field_order = ["archive", "export", "dry_run"]


class JekyllUploadForm(UploadForm):
    archive = forms.FileField(
        label=gettext_lazy("Zip of _posts"),
        help_text=gettext_lazy(
            "A zip of an Octopress/Jekyll _posts folder (.markdown or .md files), or of "
            "the whole site with its _config.yml, whose permalink gives the posts' old "
            "addresses. Posts already imported are updated, not duplicated."
        ),
    )
    permalink = forms.CharField(
        label=gettext_lazy("Permalink"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Optional: the site's permalink style or template (pretty, /blog/:title.html), "
            "instead of the one in _config.yml."
        ),
    )
    field_order = ["archive", "permalink", "dry_run"]


class XMLUploadForm(UploadForm):
    def clean_export(self):
        export = self.cleaned_data["export"]
        if export.size > MAX_XML_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_XML_BYTES >> 20}
            )
        return export


class DisqusUploadForm(XMLUploadForm):
    export = forms.FileField(
        label=gettext_lazy("Disqus XML export"),
        help_text=gettext_lazy(
            "Comments become approved comments under the post at the same address. "
            "Importing the same file again changes nothing."
        ),
    )


class WordPressUploadForm(XMLUploadForm):
    export = forms.FileField(
        label=gettext_lazy("WordPress export (WXR)"),
        help_text=gettext_lazy(
            "Tools → Export → All content in WordPress. Posts, tags and comments are "
            "imported and every old address redirects to its post. Importing the same "
            "file again updates the same posts."
        ),
    )


def _require(request, model, *actions):
    """Refuse the request unless the user may do every one of ``actions`` to ``model``."""
    opts = model._meta
    names = [f"{opts.app_label}.{get_permission_codename(action, opts)}" for action in actions]
    if not request.user.has_perms(names):
        raise PermissionDenied


def _page(request, admin_site, form, report, title):
    context = {
        **admin_site.each_context(request),
        "title": title,
        "form": form,
        "report": report,
    }
    return render(request, "admin/importers/upload.html", context)


def _site(archive, permalink, report):
    """The uploaded site's permalink settings: its _config.yml, else Octopress's."""
    config, octopress = read_zip_config(archive)
    if config is None and not permalink:
        return Site()
    settings = read_config(config, report) if config is not None else {}
    return site_from_config(settings, report, permalink=permalink, legacy_titles=octopress)


def jekyll_upload(request, admin_site):
    """Upload a zip of ``_posts``; show the import report."""
    _require(request, Post, "add", "change")
    form = JekyllUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = Report(_("Posts"), items_label=_("Files"))
        archive = form.cleaned_data["archive"]
        try:
            sources = read_zip(archive, report)
        except BadArchive as exc:
            form.add_error("archive", str(exc))
            report = None
        else:
            site = _site(archive, form.cleaned_data["permalink"], report)
            import_posts(sources, site=site, dry_run=form.cleaned_data["dry_run"], report=report)
    return _page(request, admin_site, form, report, _("Import Octopress/Jekyll posts"))


def _export_upload(request, admin_site, form_class, importer, title):
    """Upload an XML export, run ``importer`` on it and show its report."""
    form = form_class(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        export = form.cleaned_data["export"]
        report = importer(export.read(), name=export.name, dry_run=form.cleaned_data["dry_run"])
    return _page(request, admin_site, form, report, title)


def disqus_upload(request, admin_site):
    """Upload a Disqus XML export; show the import report."""
    _require(request, Comment, "add", "change")
    return _export_upload(
        request, admin_site, DisqusUploadForm, import_disqus, _("Import Disqus comments")
    )


def wordpress_upload(request, admin_site):
    """Upload a WordPress export (posts, pages, comments); show the import report."""
    for model in (Post, Page, Comment):
        _require(request, model, "add", "change")
    return _export_upload(
        request, admin_site, WordPressUploadForm, import_wordpress, _("Import from WordPress")
    )


def urls(admin_site):
    """URL patterns of the upload pages, staff-only through ``admin_site.admin_view``."""

    def route(view):
        return admin_site.admin_view(partial(view, admin_site=admin_site))

    return [
        path("import/jekyll/", route(jekyll_upload), name="import_jekyll"),
        path("import/disqus/", route(disqus_upload), name="import_disqus"),
        path("import/wordpress/", route(wordpress_upload), name="import_wordpress"),
    ]
