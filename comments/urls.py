from django.urls import path

from comments.views import UnsubscribeView

app_name = "comments"

urlpatterns = [
    path("unsubscribe/<str:token>/", UnsubscribeView.as_view(), name="unsubscribe"),
]
