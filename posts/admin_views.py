"""Admin views behind the post editor: live preview, tag suggestions, image
upload and revision history. ``PostAdmin.get_urls`` routes to them through
``admin_site.admin_view``, which requires a staff session and checks CSRF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from taggit.models import Tag

from posts.forms import ImageUploadForm
from posts.rendering import render_post
from posts.revisions import history

# The preview endpoint refuses bodies longer than this (characters).
MAX_PREVIEW_CHARS = 1_000_000
TAG_SUGGESTIONS = 10


def _require_editor(model_admin, request):
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied


@require_POST
def preview(request, model_admin):
    """Render the posted ``body`` exactly as the site will: JSON with html and toc."""
    _require_editor(model_admin, request)
    body = request.POST.get("body", "")
    if len(body) > MAX_PREVIEW_CHARS:
        return JsonResponse({"error": _("The text is too long to preview.")}, status=400)
    rendered = render_post(body)
    return JsonResponse(
        {
            "html": rendered.html,
            "toc_html": rendered.toc_html,
            "reading_minutes": rendered.reading_minutes,
        }
    )


@require_safe
def tag_suggestions(request, model_admin):
    """Existing tag names starting with ``q`` (then containing it), as JSON."""
    _require_editor(model_admin, request)
    query = request.GET.get("q", "").strip()[:100]
    if "\x00" in query:
        # PostgreSQL cannot compare text with a NUL byte; no tag holds one.
        return JsonResponse({"error": _("A tag name cannot contain a NUL character.")}, status=400)
    if not query:
        return JsonResponse({"tags": []})
    names = Tag.objects.order_by(Lower("name"), "name").values_list("name", flat=True)
    found = list(names.filter(name__istartswith=query)[:TAG_SUGGESTIONS])
    if len(found) < TAG_SUGGESTIONS:
        more = names.filter(name__icontains=query).exclude(name__in=found)
        found += list(more[: TAG_SUGGESTIONS - len(found)])
    return JsonResponse({"tags": found})


@require_POST
def upload_image(request, model_admin):
    """Store an uploaded image; JSON with its Markdown snippet, or the reasons it was refused."""
    _require_editor(model_admin, request)
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(error) for errors in form.errors.values() for error in errors]
        return JsonResponse({"errors": errors}, status=400)
    image = form.save()
    return JsonResponse(
        {
            "markdown": image.markdown,
            "url": image.file.url,
            "width": image.width,
            "height": image.height,
        }
    )


def revisions(request, model_admin, object_id):
    """The post's earlier titles and bodies, each with what the next save changed."""
    post = model_admin.get_object(request, object_id)
    if post is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, post):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "post": post,
        "revisions": history(post),
        "can_restore": model_admin.has_change_permission(request, post),
        "title": _("Revisions of “%(title)s”") % {"title": post.title},
    }
    return TemplateResponse(request, "admin/posts/post/revisions.html", context)


@require_POST
def restore_revision(request, model_admin, object_id, revision_id):
    """Bring a revision's title and body back; the replaced text becomes a revision."""
    post = model_admin.get_object(request, object_id)
    if post is None:
        raise Http404
    if not model_admin.has_change_permission(request, post):
        raise PermissionDenied
    revision = get_object_or_404(post.revisions, pk=revision_id)
    revision.restore()
    when = timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")
    model_admin.log_change(request, post, _("Restored the revision of %(when)s.") % {"when": when})
    messages.success(
        request,
        _("The title and body of %(when)s were restored; the replaced text is kept as a revision.")
        % {"when": when},
    )
    return redirect("admin:posts_post_change", post.pk)
