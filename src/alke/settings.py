"""Settings for alke, all driven by environment variables.

ALKE_MODE chooses the defaults: `production` (the default: DEBUG off, secure cookies, HSTS),
`demo` and `development` (DEBUG on, console e-mail, demo logins allowed) and `test`.
DATABASE_URL selects the database (default: SQLite under var/).
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from alke.accounts.oidc_settings import form_action_origins, providers_from_env

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("ALKE_HOME", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("ALKE_VAR_DIR", PROJECT_DIR / "var"))

# Under pytest the default is `test`, so a plain `pytest` never runs with production settings.
MODE = os.environ.get("ALKE_MODE") or ("test" if "pytest" in sys.modules else "production")
if MODE not in {"production", "demo", "development", "test"}:
    raise RuntimeError(f"ALKE_MODE must be production, demo, development or test, not {MODE!r}")
DEMO_MODE = MODE in {"demo", "development", "test"}
DEBUG = os.environ.get("ALKE_DEBUG", "1" if MODE in {"demo", "development"} else "0") == "1"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if MODE == "production":
        # Left empty: commands that sign nothing (alke similar, alke solve-schedule) still run, while
        # anything that needs the key fails with Django's "SECRET_KEY setting must not be empty".
        return ""
    # Demo and development keep a generated key under var/ so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        return key


SECRET_KEY = _secret_key()
# Key of the HMAC that signs round archives (alke export-round / import-round). Empty: derived from
# SECRET_KEY. Installations that exchange archives set the same ALKE_ARCHIVE_KEY.
ARCHIVE_SIGNING_KEY = os.environ.get("ALKE_ARCHIVE_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DOMAIN_APPS = [
    "alke.core",
    "alke.regions",
    "alke.accounts",
    "alke.policy",
    "alke.situation",
    "alke.rounds",
    "alke.agenda",
    "alke.schedule",
    "alke.agreements",
    "alke.funding",
    "alke.followup",
    "alke.partnerships",
    "alke.search",
    "alke.archive",
    "alke.api",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alke.urls"
WSGI_APPLICATION = "alke.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alke.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'alke.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Persistent connections (conn_max_age above) are checked before reuse, so a restarted database
    # costs one failed check instead of a failed request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Derived data (e.g. a region's situational picture) is cached until the data it comes from changes
# (alke.core.cache). The file cache is shared by every worker process on the host, so a change made
# through one worker reaches all; tests use a per-process memory cache, cleared between tests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    if MODE == "test"
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("ALKE_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "alke.accounts.backends.IdentityProviderBackend",
    "alke.accounts.backends.LocalPasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in with the organisations' identity providers (OpenID Connect); see docs/operations.md.
OIDC_PROVIDERS = providers_from_env(os.environ)
OIDC_TIMEOUT = float(os.environ.get("ALKE_OIDC_TIMEOUT", "10"))
OIDC_CLOCK_SKEW = int(os.environ.get("ALKE_OIDC_CLOCK_SKEW", "60"))
# Who may sign in with a password kept by alke: `all`, or `admin` (the break-glass administrator
# only). Outside demo mode the default is `admin` once an identity provider is configured.
PASSWORD_LOGIN = os.environ.get("ALKE_PASSWORD_LOGIN", "admin" if OIDC_PROVIDERS and not DEMO_MODE else "all")
if PASSWORD_LOGIN not in {"all", "admin"}:
    raise RuntimeError(f"ALKE_PASSWORD_LOGIN must be all or admin, not {PASSWORD_LOGIN!r}")

# Login throttling: five failures per user name and address lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = os.environ.get("AXES_ENABLED", "0" if MODE == "test" else "1") == "1"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("suomi")), ("sv", _("svenska")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True
FORMAT_MODULE_PATH = None

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or MODE == "test"
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or MODE == "test"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security: the same headers everywhere; cookies and HSTS strict outside demo/development.
SECURE = MODE == "production"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_SSL_REDIRECT = SECURE and os.environ.get("ALKE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Signing in and out through a provider redirects there after a form post.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += form_action_origins(OIDC_PROVIDERS)

# The demo writes each message to a file under var/mail/ (one file per sending run) instead of the console,
# so notifications and digests can be read without flooding the terminal.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "alke@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
SITE_URL = os.environ.get("ALKE_SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ALKE_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 100

if MODE == "test":
    # Fast hashing keeps the suite quick; the real hashers are used everywhere else.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
