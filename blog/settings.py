"""Settings for the blog, read from the environment.

Local defaults are safe (SQLite, local memory cache, console email, DEBUG off);
a wrong value stops the process at start with a message naming the variable.
See README.md for the full table.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from blog import env

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env.get_str("BLOG_DATA_DIR") or BASE_DIR / ".data")

DEBUG = env.get_bool("DJANGO_DEBUG", default=False)
# In order: the variable, a file it names, or the key `make run` generated
# for this checkout (so manage.py commands work beside it).
SECRET_KEY = (
    env.get_str("DJANGO_SECRET_KEY")
    or env.get_file("DJANGO_SECRET_KEY_FILE")
    or env.read_if_exists(DATA_DIR / "secret_key")
)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off "
            "(`make run` generates one; set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"

ALLOWED_HOSTS = env.get_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is empty: every request would be refused. "
        "Name the host names the blog answers to, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env.get_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# A refused comment comes back with its text (see blog/errors.py).
CSRF_FAILURE_VIEW = "blog.errors.csrf_failure"

INSTALLED_APPS = [
    "blog.apps.BlogAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "taggit",
    "posts",
    "comments",
    "search",
    "importers",
    "backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "blog.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "blog.outages.DatabaseOutageMiddleware",
    # Near the end: it needs the session, language, CSRF token and user decided.
    "posts.pagecache.middleware.PageCacheMiddleware",
    # After it, so that it sees the 404 of every view first (404s are never
    # cached, and its redirects pass the page cache untouched).
    "posts.middleware.OriginalURLFallbackMiddleware",
]

ROOT_URLCONF = "blog.urls"
WSGI_APPLICATION = "blog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.context_processors.blog",
            ],
        },
    },
]

DATABASES = {"default": env.get_database("DATABASE_URL", DATA_DIR / "db.sqlite3")}
if DATABASES["default"]["NAME"] == str(DATA_DIR / "db.sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.get_cache("CACHE_URL")}
# Whole reader pages for anonymous readers, kept in CACHES (see posts.pagecache).
PAGE_CACHE = env.get_bool("PAGE_CACHE", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the site speaks Chinese by default; LANGUAGE_CODE=en
# switches it. Readers' Accept-Language may pick the other one.
LANGUAGE_CODE = env.get_choice("LANGUAGE_CODE", "zh-hans", ["zh-hans", "en"])
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.get_time_zone("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT") or DATA_DIR / "media")

for _key, _value in env.get_email("EMAIL_URL").items():
    globals()[_key] = _value
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "blog@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TAGGIT_CASE_INSENSITIVE = True

# The blog itself.
BLOG_TITLE = env.get_str("BLOG_TITLE", "Happy Coding, Happy Life")
BLOG_SUBTITLE = env.get_str("BLOG_SUBTITLE", "Kubernetes, microservices and the code between them")
BLOG_AUTHOR = env.get_str("BLOG_AUTHOR", "Happy Coder")
POSTS_PER_PAGE = env.get_int("POSTS_PER_PAGE", 10, minimum=1, maximum=100)
COMMENT_MODERATION = env.get_choice("COMMENT_MODERATION", "known", ["all", "known"])
# The base of absolute URLs in feeds, sitemaps, canonical links and emails;
# empty: the address each request came to (see blog.http.site_url).
SITE_URL = env.get_site_url("SITE_URL")
# Where a notification of each new comment goes.
BLOG_AUTHOR_EMAIL = env.get_str("BLOG_AUTHOR_EMAIL", "author@localhost")

# Authoring: image uploads, media served by Django itself (off when a proxy
# such as compose's nginx serves /media/), admin sign-in throttling.
UPLOAD_MAX_MB = env.get_int("UPLOAD_MAX_MB", 10, minimum=1, maximum=1024)
SERVE_MEDIA = env.get_bool("SERVE_MEDIA", default=True)
LOGIN_SLOW_AFTER = env.get_int("LOGIN_SLOW_AFTER", 3, minimum=1, maximum=1000)
LOGIN_LOCK_AFTER = env.get_int("LOGIN_LOCK_AFTER", 10, minimum=1, maximum=1000)
LOGIN_LOCK_MINUTES = env.get_int("LOGIN_LOCK_MINUTES", 15, minimum=1, maximum=1440)
LOGIN_DELAY_SECONDS = 1.0

# Behind a TLS-terminating proxy (compose, a PaaS) the scheme, host and the
# reader's address come from it.
BEHIND_PROXY = env.get_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere, the admin included: everything comes
# from the site's own static files. Images may also come from https (posts
# imported from elsewhere link to them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Health checks come over plain HTTP from inside the container or host.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.get_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.get_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.get_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0, maximum=63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOG_LEVEL = env.get_choice(
    "LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], normalise=str.upper
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
