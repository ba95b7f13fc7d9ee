"""Settings of the portal, read from the environment (see README.md)."""

import datetime as dt
import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from portal.environment import database_config, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG")
HTTPS = env_bool("DJANGO_HTTPS")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portals.apps.PortalsAdminConfig",  # django.contrib.admin, staff per portal
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.postgres",
    "django_ckeditor_5",
    "simple_history",
    "axes",
    "csp",
    # Infrastructure (caches, page cache, database backend, middleware); imports no app.
    "core",
    # The portals this installation serves (a Site each), picked by the Host header.
    "portals",
    "news",
    "counters",
    # Legal and directive documents ("Văn bản"); above news, beside counters.
    "documents",
]
# The demo content and `manage.py load_demo` (demo/), for `make run`, `make dev`, the tests
# and the benchmark's seeding only: production leaves DJANGO_DEMO unset and has neither.
DEMO = env_bool("DJANGO_DEMO")
if DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Everything below serves the portal the Host header names (request.site).
    "portals.middleware.PortalMiddleware",
    # Anonymous counting requests (/dem/) go from here through COUNTERS_MIDDLEWARE only.
    "counters.middleware.CountingShortcutMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cached page for an anonymous reader skips everything below.
    "core.pagecache.PageCacheMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

# The headers of every answer, and Content-Length: all that a counting request needs.
COUNTERS_MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.portal",
                "core.display.display",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"), BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but a Redis outage degrades to cache misses.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or benchmark databases) sharing one Redis need prefixes of their own.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Uploaded files are never executable.
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Production serves collected, hashed and compressed files; development and
# the tests serve the source folders directly, with no collectstatic step.
STATIC_FROM_FINDERS = DEBUG or env_bool("DJANGO_STATIC_FROM_FINDERS")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = STATIC_FROM_FINDERS

# `make run` only: Django serves the uploads itself, debug off. A server that
# others reach lets nginx serve them (deploy/nginx.conf), so the switch is
# refused unless the site answers only on this machine.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA")
# "*.localhost" names this machine too (browsers and RFC 6761): the demo's ward portals.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", ".localhost"}
if SERVE_MEDIA and not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_SERVE_MEDIA is for a local run: DJANGO_ALLOWED_HOSTS may then name "
        f"only {', '.join(sorted(LOCAL_HOSTS))}; let the web server serve MEDIA_ROOT instead."
    )

# Security headers that hold with and without HTTPS.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Security headers that hold with and without HTTPS, beyond Django's own.
# Public pages need no inline script; a script that cannot live in a file
# takes the request's nonce ({{ CSP_NONCE }}).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    },
}
# Replaced directives under the admin's path only: CKEditor 5 writes style
# attributes into the text it edits (a resized image's width), which a strict
# style-src blocks. Scripts stay strict in the admin too.
CONTENT_SECURITY_POLICY_ADMIN = {"style-src": [SELF, UNSAFE_INLINE]}
# Browser features the portal never uses; an injected script cannot ask for them.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

# Admin logins: after AXES_FAILURE_LIMIT failures a user name, and separately
# an address, is locked out for the cool-off time (django-axes).
AUTHENTICATION_BACKENDS = [
    "portal.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip"
# How many reverse proxies of ours stand in front of the app, each appending
# the address it saw to X-Forwarded-For. 0: the app faces the Internet itself,
# and X-Forwarded-For, which anyone can send, is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", 0))

LOGIN_URL = "admin:login"
# A path other than /admin/ keeps most automated login attempts away.
ADMIN_URL_PATH = os.environ.get("DJANGO_ADMIN_PATH", "quan-tri/").strip("/") + "/"

# Whole-page cache for anonymous readers (core.pagecache). Publishing purges it at once;
# shared caches (CDN, proxy) may keep a page for PAGE_CACHE_SHARED_MAX_AGE seconds.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 600))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", 60))
PAGE_CACHE_SKIP_PREFIXES = ["/" + ADMIN_URL_PATH, "/ckeditor5/"]
# Search pages (keyed by what readers type) stored per PAGE_CACHE_TIMEOUT, at most.
PAGE_CACHE_SEARCH_PAGES = int(os.environ.get("PAGE_CACHE_SEARCH_PAGES", 1000))
# How long a process trusts the content version it read from the shared cache
# (core.caching): a change made by another process shows within that much, a
# change made by the same process at once. 0 reads it on every request.
CONTENT_VERSION_SECONDS = float(os.environ.get("CONTENT_VERSION_SECONDS", 0.25))

# The first portal's identity when it is made (on migrate); then each portal's own
# profile, edited in the admin, is what the header, footer and print view show.
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Cổng thông tin điện tử thành phố Bạc Liêu")
PORTAL_AGENCY = os.environ.get("PORTAL_AGENCY", "Ủy ban nhân dân thành phố Bạc Liêu")
PORTAL_ADDRESS = os.environ.get(
    "PORTAL_ADDRESS", "Số 1 đường Hoàng Văn Thụ, Phường 3, thành phố Bạc Liêu, tỉnh Bạc Liêu"
)
PORTAL_HOTLINE = os.environ.get("PORTAL_HOTLINE", "0291 3822 222")
PORTAL_EMAIL = os.environ.get("PORTAL_EMAIL", "ubnd@baclieucity.gov.vn")
# The header's logo: a path among the static files, or a path on this site starting with
# "/" (the city's emblem, say "/media/logo/quoc-huy.png"). The default is a neutral mark
# drawn for this project.
PORTAL_LOGO = os.environ.get("PORTAL_LOGO", "img/portal-logo.svg")
# The host names of the first portal when it is made; by default the exact names of
# ALLOWED_HOSTS (a ".suffix" there lets other portals' names through, it names none).
PORTAL_HOSTS = env_list("PORTAL_HOSTS")

NEWS_PAGE_SIZE = 20
# What other apps add to an article page's own query (news.conf): the view count.
NEWS_ARTICLE_ANNOTATIONS = ["counters.selectors.with_total_views"]
# Groups of other apps' results in the site search (news.conf.search_groups).
NEWS_SEARCH_GROUPS = ["documents.search_group.site_search_group"]
# A search counts, ranks and lists at most this many matches, the newest ("more than
# 500": 25 pages), so that a common word costs about what a rare one does (docs/search.md).
NEWS_SEARCH_MAX_RESULTS = int(os.environ.get("NEWS_SEARCH_MAX_RESULTS", 500))

# Attached documents live outside MEDIA_ROOT: only the download view serves
# them, after checking that their article is public.
NEWS_ATTACHMENT_ROOT = Path(
    os.environ.get("DJANGO_ATTACHMENT_ROOT") or BASE_DIR / "private" / "attachments"
)
NEWS_ATTACHMENT_MAX_BYTES = int(os.environ.get("DJANGO_ATTACHMENT_MAX_MB", 20)) * 1024 * 1024

# Rich text editor (CKEditor 5). Uploads go through our own view, which
# re-encodes images with Pillow so nothing but pixels is stored.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor_image_upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
CKEDITOR_5_MAX_FILE_SIZE = 20
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignCenter",
                "imageStyle:alignRight",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề 3",
                    "class": "ck-heading_heading3",
                },
            ]
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Counters: the same visitor counts again for an article (and as a new visit)
# after this many seconds. See counters/conf.py for the other settings.
COUNTERS_VIEW_WINDOW = int(os.environ.get("COUNTERS_VIEW_WINDOW", 30 * 60))
# A request without a valid visitor cookie is a new visitor: each address
# (an IPv6 /64) may bring this many per minute, and more only read the
# numbers. Browsers that keep their cookie are never limited. 0: no limit.
COUNTERS_NEW_VISITORS_PER_MINUTE = int(os.environ.get("COUNTERS_NEW_VISITORS_PER_MINUTE", 30))
# Off (the default): PostgreSQL acknowledges a count before it reaches the
# disk, so a counting request does not wait for a disk flush; a crash of the
# database server may lose the last fraction of a second of counts, never
# double them. Only counting transactions are affected (see README.md).
COUNTERS_SYNCHRONOUS_COMMIT = env_bool("COUNTERS_SYNCHRONOUS_COMMIT", False)
# Each count is spread over this many rows so that concurrent counting seldom waits on a lock.
COUNTERS_SHARDS = int(os.environ.get("COUNTERS_SHARDS", 8))
# On (the default): PostgreSQL plans the counting call once per pooled
# connection. Off only behind a pooler that hands each statement to another
# session (PgBouncer's transaction mode before 1.21).
COUNTERS_PREPARED_STATEMENTS = env_bool("COUNTERS_PREPARED_STATEMENTS", True)
# On (the default): on PostgreSQL a counting request is one call of the
# function counters_record_hit. Off: the same steps from Python, as on SQLite.
COUNTERS_DATABASE_FUNCTION = env_bool("COUNTERS_DATABASE_FUNCTION", True)
