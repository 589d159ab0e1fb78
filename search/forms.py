from django import forms
from django.utils.translation import gettext_lazy as _

from search.text import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please keep the search under %(limit_value)d characters."),
        },
    )
    page = forms.IntegerField(min_value=1, required=False)
