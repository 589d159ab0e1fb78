"""Error pages that give a reader back what they were sending.

A comment refused before the comments app could look at it (the CSRF
cookie missing, the database away) comes back in a plain form with every
field the reader filled in, posting to the same address again.
"""

from django.template.response import TemplateResponse

# The comment form's fields, as comments/forms.py names them.
COMMENT_FIELDS = ("name", "email", "website", "body", "token", "parent")


def kept_comment(request):
    """The comment fields of a POSTed comment, or None for any other request."""
    if request.method != "POST" or "body" not in request.POST:
        return None
    return {field: request.POST.get(field, "") for field in COMMENT_FIELDS}


def csrf_failure(request, reason=""):
    """Django's CSRF refusal as a styled 403 that keeps a comment's text."""
    context = {"comment": kept_comment(request), "action": request.path}
    return TemplateResponse(request, "403_csrf.html", context, status=403)
