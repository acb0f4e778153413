"""Dateline's one settings module. Every knob is an environment variable with a safe default.

Each variable is documented in ``docs/configuration.md``. Production mode
(``DATELINE_ENV=production``) turns on every HTTPS protection so that
``dateline check --deploy`` passes; the embedded default runs on plain HTTP on
loopback and needs no configuration at all.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from dateline.lib.edition_domains import edition_domains
from dateline.lib.environment import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)
from dateline.lib.secrets_file import load_or_create_secret_key
from dateline.lib.smtp_url import parse_smtp_url
from dateline.media import s3 as media_s3

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("DATELINE_DATA_DIR", Path.cwd() / "data")
DATA_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_str("DATELINE_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ConfigurationError("DATELINE_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DATELINE_DEBUG", False)
SECRET_KEY = env_str("DATELINE_SECRET_KEY") or load_or_create_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("DATELINE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DATELINE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The newsroom comes first so its templates override the admin's own.
    "dateline.newsroom.apps.NewsroomConfig",
    "dateline.newsroom.apps.NewsroomAdminConfig",  # django.contrib.admin with our site class
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "django_prose_editor",  # the newsroom's body editor (its static files; see newsroom/writing.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "dateline.accounts",  # after "axes": its sign-in log reads what axes made of a failure
    "dateline.news",
    "dateline.media",
    "dateline.editorial",
    "dateline.website",
    "dateline.limits",
    "dateline.analytics",
    "dateline.distribution",
    "dateline.operations",
    "dateline.pagecache",
    "dateline.search",
]

MIDDLEWARE = [
    # First: it stores pages with every header the rest adds, and answers hits with them.
    "dateline.pagecache.middleware.PageCacheMiddleware",
    # An edition on its own domain: its paths get the edition prefix, its links lose it.
    "dateline.website.domains.EditionDomainMiddleware",
    # The edition's language on reader pages, the editor's in the newsroom.
    "dateline.website.language.EditionLanguageMiddleware",
    # Before anything that may query: a 503 at once while the database is down, and a time
    # limit on every database call (docs/caching.md, "When the database is down").
    "dateline.operations.middleware.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # whether this session entered a two-factor code
    "django.contrib.messages.middleware.MessageMiddleware",
    "dateline.accounts.sessions.SessionLimitsMiddleware",
    "dateline.accounts.enforcement.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dateline.news.middleware.ScheduledPublishingMiddleware",
    "dateline.website.middleware.PrivateForStaffMiddleware",
    "dateline.newsroom.middleware.NewsroomTimeZoneMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dateline.website.context_processors.site",
            ],
        },
    }
]

# --- Database: SQLite in the data folder unless DATABASE_URL says otherwise -----------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A stopped or frozen server must not hold a request for long (a ?connect_timeout=
        # in DATABASE_URL wins); psycopg counts at least 2 s.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATELINE_DATABASE_CONNECT_TIMEOUT", 2)
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "dateline.sqlite3"),
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on
                # busy_timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA mmap_size=134217728;"
                    "PRAGMA analysis_limit=400;"  # keeps ANALYZE (planner_statistics.py) fast
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long one request may wait for the database before it gives up (a stale copy or the 503
# page): readers, and editors in the newsroom (whose saves may queue behind a long write).
# A frozen server's query is cut after this; on SQLite it is also the wait for a lock.
DATELINE_DATABASE_WAIT_SECONDS = env_int("DATELINE_DATABASE_WAIT_SECONDS", 2)
DATELINE_NEWSROOM_DATABASE_WAIT_SECONDS = env_int("DATELINE_NEWSROOM_DATABASE_WAIT_SECONDS", 10)

# Redis, when configured, is shared by every process: counters, cached lists, later the page
# cache. Without it each process keeps its own small in-memory cache; nothing that must be
# exact across processes (rate limits, view counts) lives only in this cache.
REDIS_URL = env_str("DATELINE_REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dateline",
        }
    }

# --- Page cache (pagecache/, docs/caching.md) -------------------------------------------------
# disk (the data folder's pagecache/, shared by this machine's processes), redis (shared by
# several machines; the default when Redis is configured), memory (one process) or off.
DATELINE_PAGE_CACHE = env_str("DATELINE_PAGE_CACHE", "redis" if REDIS_URL else "disk")
if DATELINE_PAGE_CACHE not in {"disk", "redis", "memory", "off"}:
    raise ConfigurationError("DATELINE_PAGE_CACHE must be one of disk, redis, memory, off.")
DATELINE_PAGE_CACHE_DIR = env_path("DATELINE_PAGE_CACHE_DIR", DATA_DIR / "pagecache")
DATELINE_PAGE_CACHE_REDIS_URL = env_str("DATELINE_PAGE_CACHE_REDIS_URL", REDIS_URL)
if DATELINE_PAGE_CACHE == "redis" and not DATELINE_PAGE_CACHE_REDIS_URL:
    raise ConfigurationError("DATELINE_PAGE_CACHE=redis needs DATELINE_REDIS_URL.")
# How long a cached page counts as fresh without a purge (view counts, Most read and the
# recommend form's token age by it; every change to the news purges at once).
DATELINE_PAGE_CACHE_SECONDS = env_int("DATELINE_PAGE_CACHE_SECONDS", 300)
# What nginx, CDNs and browsers are told (Cache-Control): shared caches keep a page this
# long (a micro-cache: purges need not reach them), serve it stale while refetching, and
# for this long while Dateline answers with errors.
DATELINE_SHARED_CACHE_SECONDS = env_int("DATELINE_SHARED_CACHE_SECONDS", 1)
DATELINE_STALE_WHILE_REVALIDATE_SECONDS = env_int("DATELINE_STALE_WHILE_REVALIDATE_SECONDS", 60)
DATELINE_STALE_IF_ERROR_SECONDS = env_int("DATELINE_STALE_IF_ERROR_SECONDS", 86_400)
# A CDN or Varnish to purge by surrogate key (pagecache/cdn.py); empty: none.
DATELINE_PURGE_URLS = env_list("DATELINE_PURGE_URLS")
DATELINE_PURGE_STYLE = env_str("DATELINE_PURGE_STYLE", "header")
DATELINE_PURGE_METHOD = env_str("DATELINE_PURGE_METHOD", "PURGE")
DATELINE_PURGE_HEADER = env_str("DATELINE_PURGE_HEADER", "Surrogate-Key")
DATELINE_PURGE_AUTHORIZATION = env_str("DATELINE_PURGE_AUTHORIZATION", "")  # "Header: value"

# --- Background work: Django's tasks framework with a database-backed queue ----------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}

# --- Mail: real SMTP when DATELINE_SMTP_URL is set, otherwise the outbox folder --------------
DEFAULT_FROM_EMAIL = env_str("DATELINE_FROM_EMAIL", "Dateline <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_DIR = DATA_DIR / "outbox"
SMTP_URL = env_str("DATELINE_SMTP_URL")
if SMTP_URL:
    _smtp = parse_smtp_url(SMTP_URL)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp.host,
                "port": _smtp.port,
                "username": _smtp.user,
                "password": _smtp.password,
                "use_tls": _smtp.use_tls,
                "use_ssl": _smtp.use_ssl,
                "timeout": _smtp.timeout,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "dateline.lib.outbox.OutboxBackend"}}
MAIL_MAX_ATTEMPTS = env_int("DATELINE_MAIL_MAX_ATTEMPTS", 8)

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            if env_bool("DATELINE_HASHED_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# The media library on S3-compatible storage when DATELINE_MEDIA_S3_BUCKET is set; MEDIA_URL
# then points at the bucket (media/s3.py, docs/newsroom/media.md).
_media_s3 = media_s3.settings_from()
if _media_s3:
    STORAGES["default"] = _media_s3.storage
    MEDIA_URL = _media_s3.media_url
# Upload limits (media/validation.py), both checked before a picture is decoded.
DATELINE_MEDIA_MAX_UPLOAD_MB = env_int("DATELINE_MEDIA_MAX_UPLOAD_MB", 20)
DATELINE_MEDIA_MAX_MEGAPIXELS = env_int("DATELINE_MEDIA_MAX_MEGAPIXELS", 50)
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Time and language --------------------------------------------------------------------
USE_TZ = True
TIME_ZONE = env_str("DATELINE_TIME_ZONE", "UTC")
# The languages Dateline ships catalogs for (src/dateline/locale, compiled by `make install`).
# A reader page speaks its edition's language (Edition.language); the newsroom speaks the
# editor's choice (its language menu, else the browser's). LANGUAGE_CODE covers pages that
# belong to no edition.
LANGUAGES = [("az", "Azərbaycanca"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_CODE = env_str("DATELINE_LANGUAGE", "en")
if LANGUAGE_CODE not in {code for code, _name in LANGUAGES}:
    raise ConfigurationError("DATELINE_LANGUAGE must be one of az, ru, en.")
USE_I18N = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "newsroom_language"
LANGUAGE_COOKIE_PATH = "/newsroom/"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Editions served on their own domains ("az=oxu.example,ru=ru.oxu.example"); an edition not
# named here, and every edition on any other host, is served under its /<code>/ prefix.
DATELINE_EDITION_DOMAINS = edition_domains(env_list("DATELINE_EDITION_DOMAINS"))
ALLOWED_HOSTS += [domain.host.rsplit(":", 1)[0] for domain in DATELINE_EDITION_DOMAINS.values()]

# --- Security -----------------------------------------------------------------------------
# Public pages carry no inline script or style, so the policy needs no nonce and a cached
# page stays valid for every reader.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
_media_origin = media_s3.origin_of(MEDIA_URL)
if _media_origin:  # pictures served from the bucket or its CDN
    SECURE_CSP["img-src"] = [CSP.SELF, "data:", _media_origin]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
HTTPS = env_bool("DATELINE_HTTPS", PRODUCTION)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DATELINE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DATELINE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DATELINE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DATELINE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True  # the newsroom's language menu
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    # HSTS preload is hard to undo, so it stays an explicit opt-in (DATELINE_HSTS_PRELOAD=1)
    # and check --deploy is not allowed to nag about it.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Every account is a newsroom (staff) account, so the staff rule is the rule: 12 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username and address first
    "django.contrib.auth.backends.ModelBackend",
]

# --- Accounts: two-factor sign-in, lockout, session limits (docs/newsroom/accounts.md) -----
# The idle timeout is a default: an administrator may set another in the newsroom's policy.
DATELINE_SESSION_IDLE_MINUTES = env_int("DATELINE_SESSION_IDLE_MINUTES", 8 * 60)
DATELINE_SESSION_MAX_DAYS = env_int("DATELINE_SESSION_MAX_DAYS", 7)
if not 5 <= DATELINE_SESSION_IDLE_MINUTES <= 7 * 24 * 60:
    raise ConfigurationError("DATELINE_SESSION_IDLE_MINUTES must be between 5 and 10080 (a week).")
if not 1 <= DATELINE_SESSION_MAX_DAYS <= 90:
    raise ConfigurationError("DATELINE_SESSION_MAX_DAYS must be between 1 and 90.")
SESSION_COOKIE_AGE = DATELINE_SESSION_MAX_DAYS * 24 * 60 * 60
DATELINE_LOGIN_FAILURE_LIMIT = env_int("DATELINE_LOGIN_FAILURE_LIMIT", 5)
DATELINE_LOGIN_LOCKOUT_MINUTES = env_int("DATELINE_LOGIN_LOCKOUT_MINUTES", 15)
if DATELINE_LOGIN_FAILURE_LIMIT < 1 or DATELINE_LOGIN_LOCKOUT_MINUTES < 1:
    raise ConfigurationError(
        "DATELINE_LOGIN_FAILURE_LIMIT and DATELINE_LOGIN_LOCKOUT_MINUTES must be at least 1."
    )
DATELINE_SIGN_IN_LOG_DAYS = env_int("DATELINE_SIGN_IN_LOG_DAYS", 365)
# django-axes (accounts/lockout.py): wrong passwords and two-factor codes per username and
# address; tries during a lockout do not extend it, and a full sign-in clears the count.
AXES_FAILURE_LIMIT = DATELINE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=DATELINE_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "dateline.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "dateline.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # the sign-in log (accounts.SignInEvent) records sign-ins
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # masked in axes' records
AXES_VERBOSE = False  # no start-up banner in every command's output

# --- The outlet -----------------------------------------------------------------------------
DATELINE_SITE_NAME = env_str("DATELINE_SITE_NAME", "Dateline Daily")
OTP_TOTP_ISSUER = DATELINE_SITE_NAME  # the name authenticator apps show for the account
# Blank: "News from the region and the world" in each edition's language (lib/taglines.py).
DATELINE_SITE_TAGLINE = env_str("DATELINE_SITE_TAGLINE")
DATELINE_LOGO_URL = env_str("DATELINE_LOGO_URL")
DATELINE_CONTACT_EMAIL = env_str("DATELINE_CONTACT_EMAIL", "")
# "Name=https://…" pairs, comma-separated: the social links in the footer.
DATELINE_SOCIAL_LINKS = [
    tuple(item.split("=", 1)) for item in env_list("DATELINE_SOCIAL_LINKS") if "=" in item
]
# The edition a new install starts with (rename it or add more in the newsroom).
DATELINE_FIRST_EDITION = env_str("DATELINE_FIRST_EDITION", "en")
DATELINE_FIRST_EDITION_NAME = env_str("DATELINE_FIRST_EDITION_NAME", "English")
DATELINE_FIRST_EDITION_TIME_ZONE = env_str("DATELINE_FIRST_EDITION_TIME_ZONE", TIME_ZONE)
DATELINE_PUBLIC_URL = env_str("DATELINE_PUBLIC_URL").rstrip("/")
# Recommend news to friend (distribution/recommend/policy.py, docs/recommend.md).
DATELINE_RECOMMEND_PER_IP_PER_HOUR = env_int("DATELINE_RECOMMEND_PER_IP_PER_HOUR", 5)
DATELINE_RECOMMEND_PER_SENDER_PER_DAY = env_int("DATELINE_RECOMMEND_PER_SENDER_PER_DAY", 10)
DATELINE_RECOMMEND_PER_RECIPIENT_PER_DAY = env_int("DATELINE_RECOMMEND_PER_RECIPIENT_PER_DAY", 3)
DATELINE_RECOMMEND_DAILY_CAP = env_int("DATELINE_RECOMMEND_DAILY_CAP", 500)
DATELINE_RECOMMEND_MIN_SECONDS = env_int("DATELINE_RECOMMEND_MIN_SECONDS", 3)
DATELINE_RECOMMEND_MAX_SECONDS = env_int("DATELINE_RECOMMEND_MAX_SECONDS", 2 * 60 * 60)
DATELINE_RECOMMEND_LOG_DAYS = env_int("DATELINE_RECOMMEND_LOG_DAYS", 30)
# Reader error reports (website/views/reports.py): per reader IP and per article.
DATELINE_REPORTS_PER_IP_HOUR = env_int("DATELINE_REPORTS_PER_IP_HOUR", 10)
DATELINE_REPORTS_PER_IP_DAY = env_int("DATELINE_REPORTS_PER_IP_DAY", 50)
DATELINE_REPORTS_PER_ARTICLE_DAY = env_int("DATELINE_REPORTS_PER_ARTICLE_DAY", 100)
# Proxies in front of Dateline whose X-Forwarded-For is believed (addresses or networks).
DATELINE_TRUSTED_PROXIES = env_list("DATELINE_TRUSTED_PROXIES")
DATELINE_PAGE_SIZE = env_int("DATELINE_PAGE_SIZE", 20)
DATELINE_SERVER_WORKERS = env_int("DATELINE_SERVER_WORKERS", 0)  # 0: one per CPU core
# Search (search/, docs/search.md). Results per page; matches ranked per search (the newest
# this many: at a million stories ranking every match of a common word would take seconds);
# how much a fresh story is boosted (1.0: up to twice the score of an old one with the same
# words; 0: relevance alone) and how fast the boost fades (halves every N days); searches per
# reader (IP address) per minute.
DATELINE_SEARCH_PAGE_SIZE = env_int("DATELINE_SEARCH_PAGE_SIZE", 20)
DATELINE_SEARCH_CANDIDATES = env_int("DATELINE_SEARCH_CANDIDATES", 1000)
try:
    DATELINE_SEARCH_RECENCY_WEIGHT = float(env_str("DATELINE_SEARCH_RECENCY_WEIGHT", "1.0"))
    DATELINE_SEARCH_HALF_LIFE_DAYS = float(env_str("DATELINE_SEARCH_HALF_LIFE_DAYS", "30"))
except ValueError:
    raise ConfigurationError(
        "DATELINE_SEARCH_RECENCY_WEIGHT and DATELINE_SEARCH_HALF_LIFE_DAYS must be numbers."
    ) from None
DATELINE_SEARCH_PER_IP_MINUTE = env_int("DATELINE_SEARCH_PER_IP_MINUTE", 30)
if DATELINE_SEARCH_PAGE_SIZE < 1 or DATELINE_SEARCH_CANDIDATES < DATELINE_SEARCH_PAGE_SIZE:
    raise ConfigurationError(
        "DATELINE_SEARCH_CANDIDATES must be at least DATELINE_SEARCH_PAGE_SIZE (at least 1)."
    )
# Feeds and WebSub (distribution/feeds/, docs/feeds.md).
DATELINE_FEED_FULL_TEXT = env_bool("DATELINE_FEED_FULL_TEXT", False)  # off: the lead only
DATELINE_FEED_CACHE_SECONDS = env_int("DATELINE_FEED_CACHE_SECONDS", 300)
DATELINE_WEBSUB_HUB = env_str("DATELINE_WEBSUB_HUB", "")  # empty: no hub declared, no pings
DATELINE_WEBSUB_MAX_ATTEMPTS = env_int("DATELINE_WEBSUB_MAX_ATTEMPTS", 6)
# Newsletters (distribution/newsletters/, docs/newsletters.md).
DATELINE_POSTAL_ADDRESS = env_str("DATELINE_POSTAL_ADDRESS", "")
DATELINE_DIGEST_TIME = env_str("DATELINE_DIGEST_TIME", "07:00")  # in each edition's time zone
DATELINE_NEWSLETTER_RATE = env_int("DATELINE_NEWSLETTER_RATE", 50)  # messages/second, 0: no limit
DATELINE_NEWSLETTER_BATCH = env_int("DATELINE_NEWSLETTER_BATCH", 100)  # per SMTP connection
# A claimed row not marked sent after this long belongs to a dead worker and is sent again.
DATELINE_NEWSLETTER_LEASE_SECONDS = env_int("DATELINE_NEWSLETTER_LEASE_SECONDS", 300)
DATELINE_NEWSLETTER_MAX_ATTEMPTS = env_int("DATELINE_NEWSLETTER_MAX_ATTEMPTS", 10)
DATELINE_NEWSLETTER_SIGNUPS_PER_IP_HOUR = env_int("DATELINE_NEWSLETTER_SIGNUPS_PER_IP_HOUR", 10)
DATELINE_NEWSLETTER_UNCONFIRMED_DAYS = env_int("DATELINE_NEWSLETTER_UNCONFIRMED_DAYS", 7)
# Structured data and social previews (distribution/structured_data/, docs/structured-data.md).
# The picture of a shared page that has none of its own; empty: the built-in 1200x630 image.
DATELINE_SOCIAL_IMAGE_URL = env_str("DATELINE_SOCIAL_IMAGE_URL", "")
DATELINE_TWITTER_SITE = env_str("DATELINE_TWITTER_SITE", "")  # the outlet's @handle, if any
# Sitemaps (distribution/sitemaps/, docs/sitemaps.md): how long caches may keep one, seconds.
DATELINE_SITEMAP_MAX_AGE = env_int("DATELINE_SITEMAP_MAX_AGE", 300)
# Preview links for colleagues without a login (editorial/sharing.py, docs/newsroom/revisions.md).
DATELINE_DRAFT_SHARE_HOURS = env_int("DATELINE_DRAFT_SHARE_HOURS", 48)
if not 1 <= DATELINE_DRAFT_SHARE_HOURS <= 720:
    raise ConfigurationError("DATELINE_DRAFT_SHARE_HOURS must be between 1 and 720 (30 days).")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DATELINE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Failed sign-ins and lockouts (warnings) only; every sign-in is in the sign-in log.
        "axes": {"level": "WARNING"},
    },
}

# --- Readership (analytics): view counts and Most read (docs/readership.md) ------------------
# A reader (keyed hash of IP + user agent + article, salt rotating daily) counts once per this.
DATELINE_VIEW_DEDUPE_MINUTES = env_int("DATELINE_VIEW_DEDUPE_MINUTES", 30)
# With Redis, beacons are counted there and moved to the database at most this often.
DATELINE_VIEWS_FLUSH_SECONDS = env_int("DATELINE_VIEWS_FLUSH_SECONDS", 60)
DATELINE_VIEWS_REDIS_PREFIX = env_str("DATELINE_VIEWS_REDIS_PREFIX", "dateline:views")
DATELINE_MOST_READ_SIZE = env_int("DATELINE_MOST_READ_SIZE", 5)
