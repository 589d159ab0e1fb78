"""Settings of the floor app: no apps, no middleware, no database, no templates."""

SECRET_KEY = "bench-floor-only"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
