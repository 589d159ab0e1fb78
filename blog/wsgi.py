"""WSGI entry point for gunicorn: ``gunicorn blog.wsgi``.

Django's handler, set up as ``get_wsgi_application()`` does, in the page
cache's variant that answers cache hits before the middleware runs
(``posts.pagecache.fastpath``).
"""

import os

import django
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")
django.setup(set_prefix=False)

# By name: the handler's module imports models, which need the setup above.
application = import_string("posts.pagecache.fastpath.FastPathHandler")()
