"""
The Django reference of `npm run bench`: djangorestframework-simplejwt as Debian ships it, on the same
PostgreSQL, with the settings Bastion's bench instances use (HS256 with the same key, 2 h access tokens,
the token_blacklist app). BENCH_DJANGO_DATABASE_URL names its own database; BENCH_DJANGO_ROTATE=1 turns
on ROTATE_REFRESH_TOKENS with BLACKLIST_AFTER_ROTATION. Nothing here is for production.
"""
import os
from datetime import timedelta
from urllib.parse import urlparse

_db = urlparse(os.environ["BENCH_DJANGO_DATABASE_URL"])
_rotate = os.environ.get("BENCH_DJANGO_ROTATE") == "1"
_key = os.environ.get("BENCH_DJANGO_SIGNING_KEY", "bench-hs256-signing-key-of-at-least-32-bytes")

SECRET_KEY = _key
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
]
MIDDLEWARE = []
ROOT_URLCONF = "bench_django.urls"
WSGI_APPLICATION = "bench_django.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": _db.username or "postgres",
        "PASSWORD": _db.password or "",
        "HOST": _db.hostname or "127.0.0.1",
        "PORT": str(_db.port or 5432),
        # persistent connections: one per worker thread, kept across requests
        "CONN_MAX_AGE": 600,
    }
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": _key,
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=2),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": _rotate,
    "BLACKLIST_AFTER_ROTATION": _rotate,
    "UPDATE_LAST_LOGIN": False,
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
