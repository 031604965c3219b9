"""Django settings for Plenary.

Everything that differs between a laptop and production comes from the environment:
``DATABASE_URL`` (SQLite in ``data/`` when unset), ``PLENARY_SECRET_KEY`` (else a key generated
once into the data folder), ``PLENARY_DEBUG``, ``PLENARY_ALLOWED_HOSTS``, ``PLENARY_DATA_DIR``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("PLENARY_DATA_DIR", PROJECT_DIR / "data"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data folder."""
    if key := os.environ.get("PLENARY_SECRET_KEY"):
        return key
    path = DATA_DIR / ".secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env_bool("PLENARY_DEBUG", False)
SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PLENARY_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PLENARY_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "plenary.common",
    "plenary.accounts",
    "plenary.people",
    "plenary.forums",
    "plenary.meetings",
    "plenary.documents",
    "plenary.workplans",
    "plenary.projects",
    "plenary.stats",
    "plenary.registration",
    "plenary.minutes",
    "plenary.files",
    "plenary.intake",
    "plenary.search",
    "plenary.calendars",
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
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plenary.urls"
WSGI_APPLICATION = "plenary.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Plenary's own versions of a few of Django's admin templates.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'plenary.sqlite3'}",
        conn_max_age=int(os.environ.get("PLENARY_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # SQLite connections are cheap and must not be shared across threads of the dev server.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses a locked-out user before any other backend is asked.
    "axes.backends.AxesStandaloneBackend",
    # Object permissions: the rules in each app's rules.py.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Lockout: five failed logins for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("PLENARY_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages. English, Russian and Korean ship with Plenary; other member-state
# languages (kk, ky, tg, tk, uz ...) are added without code changes: list their codes in
# PLENARY_EXTRA_LANGUAGES and put their catalogues (<code>/LC_MESSAGES/django.mo) in the folder
# named by PLENARY_LOCALE_DIR. Their names come from CLDR.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("ko", "한국어")]


def _extra_languages(codes: str) -> list[tuple[str, str]]:
    from babel import Locale, UnknownLocaleError

    extra = []
    for code in (c.strip().lower() for c in codes.split(",")):
        if not code or code in dict(LANGUAGES):
            continue
        try:
            name = Locale.parse(code).get_display_name(code) or code
        except (UnknownLocaleError, ValueError) as error:
            raise ValueError(f"PLENARY_EXTRA_LANGUAGES: {code!r} is not a language code") from error
        extra.append((code, name[:1].upper() + name[1:]))
    return extra


LANGUAGES += _extra_languages(os.environ.get("PLENARY_EXTRA_LANGUAGES", ""))
# A language's catalogues from PLENARY_LOCALE_DIR come first; then Plenary's own rewording of a
# few of Django's messages (src/plenary/locale); then each app's catalogues.
LOCALE_PATHS = [
    *(Path(p) for p in os.environ.get("PLENARY_LOCALE_DIR", "").split(os.pathsep) if p),
    BASE_DIR / "locale",
]
# The reader's choice of language is kept for a year in a cookie.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("PLENARY_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files (credentials letters, meeting files) are never served as static files: each is
# sent by a view that checks who may read it.
MEDIA_ROOT = Path(os.environ.get("PLENARY_MEDIA_DIR", DATA_DIR / "media"))
MEDIA_URL = "media/"
PLENARY_MAX_UPLOAD_MB = int(os.environ.get("PLENARY_MAX_UPLOAD_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = PLENARY_MAX_UPLOAD_MB * 1024 * 1024

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "forums:landing"

PLENARY_BASE_URL = os.environ.get("PLENARY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Mail: printed to the console unless an SMTP host is given.
DEFAULT_FROM_EMAIL = os.environ.get("PLENARY_FROM_EMAIL", "Plenary <plenary@localhost>")
if os.environ.get("PLENARY_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["PLENARY_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("PLENARY_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PLENARY_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PLENARY_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("PLENARY_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

SESSION_COOKIE_AGE = 60 * 60 * 12

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and _env_bool("PLENARY_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PLENARY_LOG_LEVEL", "WARNING")},
}
