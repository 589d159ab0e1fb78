import re

from django import forms
from django.utils.translation import gettext_lazy as _

from comments import spam
from comments.models import Comment


def readable_text(value):
    """Refuse text with U+FFFD: Django puts it where a request's bytes were not
    valid UTF-8, so the reader's words were already lost on the way."""
    if "\ufffd" in value:
        raise forms.ValidationError(
            _("This field has characters that could not be read; please type them again."),
            code="unreadable",
        )


class CommentForm(forms.ModelForm):
    # Hidden from people by CSS; bots fill every field they find.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput)
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.URLField(
        label=_("website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body", "notify_replies"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": spam.MAX_BODY_LENGTH}),
        }
        help_texts = {
            "body": _(
                "Plain text; *emphasis*, `code`, ```code blocks```, > quotes and links work."
            ),
        }

    def __init__(self, *args, post, ip_address=None, token=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.ip_address = ip_address
        self.rate_limited = False
        # Set when the cache could not count this comment or spend its token.
        self.unguarded = False
        # Set when this very form was sent before: the comment may already exist.
        self.already_sent = False
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Never shown; used only if the author replies.")
        self.fields["notify_replies"].label = _("Email me when someone replies")
        self.fields["body"].max_length = spam.MAX_BODY_LENGTH
        for name in ("name", "email", "website", "body"):
            self.fields[name].validators.append(readable_text)
        self.fields["body"].validators.append(
            forms.fields.validators.MaxLengthValidator(spam.MAX_BODY_LENGTH)
        )
        if not self.is_bound:
            self.initial["token"] = token or spam.issue_token(post.pk)

    def clean_name(self):
        # A name is one line: newlines would also break the notification's subject.
        return " ".join(self.cleaned_data["name"].split())

    def clean_parent(self):
        """A reply goes under a visible comment of the same post, one level deep.

        A reply to a comment that has gone meanwhile (or to nonsense) becomes a
        comment of its own rather than a dead end for the reader.
        """
        parent_id = self.cleaned_data.get("parent", "")
        if not re.fullmatch(r"[0-9]{1,18}", parent_id):
            return None
        parent = (
            Comment.objects.approved()
            .filter(post=self.post, pk=int(parent_id))
            .select_related("parent")
            .first()
        )
        if parent is None:
            return None
        return parent.parent or parent

    def clean(self):
        cleaned = super().clean()
        try:
            if cleaned.get("homepage"):
                raise spam.Rejected(
                    _("This looks automated. If you are a person, leave the last field empty.")
                )
            spam.check_token(cleaned.get("token"), self.post.pk)
            # The body is looked at only once the cheap checks let it through.
            if spam.too_deeply_nested(cleaned.get("body", "")):
                self.add_error(
                    "body",
                    _("Please simplify the formatting: brackets or lists are nested too deeply."),
                )
            # Only a comment that would be posted counts against the limits:
            # fixing a typo in the email must not use up the reader's allowance.
            if not self.errors:
                spam.check_unused(cleaned["token"])
                counted = spam.check_rate(self.ip_address)
                spent = spam.consume_token(cleaned["token"])
                self.unguarded = not (counted and spent)
        except spam.Rejected as exc:
            self.rate_limited = isinstance(exc, spam.RateLimited)
            self.already_sent = isinstance(exc, spam.AlreadySent)
            raise forms.ValidationError(exc.args[0]) from exc
        return cleaned

    def save(self, commit=True):
        comment = super().save(commit=False)
        comment.post = self.post
        comment.parent = self.cleaned_data.get("parent")
        comment.ip_address = self.ip_address
        if commit:
            comment.save()
        return comment
