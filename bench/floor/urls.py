from django.http import HttpResponse
from django.urls import path

# About the size of the blog's index page, built once: the floor measures
# Django's request/response path, not HTML generation.
_PARAGRAPH = "<p>" + "Happy coding, happy life. 快乐编程，快乐生活。" * 8 + "</p>\n"
PAGE = (
    "<!DOCTYPE html>\n<html lang='zh-hans'><head><meta charset='utf-8'>"
    "<title>floor</title></head><body>\n"
    + _PARAGRAPH * (20_000 // len(_PARAGRAPH.encode()))
    + "</body></html>\n"
).encode()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]
