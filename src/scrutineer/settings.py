"""The one settings module. Every value comes from the environment (12-factor).

Development defaults are safe and need nothing set; production sets
``DEBUG=false`` and a ``SECRET_KEY``, and then ``manage.py check --deploy`` is clean.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret")
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SCRUTINEER_COUNCIL_NAME = env.str("SCRUTINEER_COUNCIL_NAME", default="Thurrock Council")
SCRUTINEER_SERVICE_NAME = "Scrutineer"
# The phase banner's feedback link (mailto:). Empty: the banner asks for no feedback.
SCRUTINEER_FEEDBACK_EMAIL = env.str("SCRUTINEER_FEEDBACK_EMAIL", default="")
# House style of printed documents (DOCX, PDF): font, a PNG logo file, a contact footer.
SCRUTINEER_DOCUMENT_FONT = env.str("SCRUTINEER_DOCUMENT_FONT", default="Arial")
SCRUTINEER_DOCUMENT_LOGO = env.str("SCRUTINEER_DOCUMENT_LOGO", default="")
SCRUTINEER_DOCUMENT_FOOTER = env.str("SCRUTINEER_DOCUMENT_FOOTER", default="")
SCRUTINEER_DATA_LICENCE = env.str(
    "SCRUTINEER_DATA_LICENCE",
    default="Open Government Licence v3.0: "
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)
# An open recommendation with no progress update for this many days is flagged as stale.
# The first day of the municipal year, "MM-DD": the annual meeting of the council is in May.
SCRUTINEER_MUNICIPAL_YEAR_START = env.str("SCRUTINEER_MUNICIPAL_YEAR_START", default="05-01")
SCRUTINEER_STALE_AFTER_DAYS = env.int("SCRUTINEER_STALE_AFTER_DAYS", default=60)
SCRUTINEER_EVIDENCE_MAX_BYTES = env.int("SCRUTINEER_EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Pages and fragments are cached until the records change (core.page_cache); 0 turns that off.
SCRUTINEER_PUBLIC_CACHE_SECONDS = env.int("SCRUTINEER_PUBLIC_CACHE_SECONDS", default=600)
# The executive's deadline to respond to scrutiny recommendations: "months:2" is the
# statutory two months (LGA 2000 s.9FE); some constitutions use "weeks:8".
SCRUTINEER_RESPONSE_PERIOD = env.str("SCRUTINEER_RESPONSE_PERIOD", default="months:2")
# Call-in of executive decisions, as the council's constitution sets it: the period after
# publication ("working_days:5", or "clear_days:7"), the time of day it ends on its last day
# ("17:00"; empty: the end of that day), and how many members must sign a request.
SCRUTINEER_CALL_IN_PERIOD = env.str("SCRUTINEER_CALL_IN_PERIOD", default="working_days:5")
SCRUTINEER_CALL_IN_CUTOFF = env.str("SCRUTINEER_CALL_IN_CUTOFF", default="17:00")
SCRUTINEER_CALL_IN_MEMBERS = env.int("SCRUTINEER_CALL_IN_MEMBERS", default=2)
# Reminders ask for an update this many working days before the committee's next meeting.
SCRUTINEER_UPDATE_BEFORE_MEETING_DAYS = env.int("SCRUTINEER_UPDATE_BEFORE_MEETING_DAYS", default=10)
# The address of the site, for links in e-mails sent by commands.
SCRUTINEER_BASE_URL = env.str("SCRUTINEER_BASE_URL", default="http://127.0.0.1:8000")
# Requests per client address the public may make to the JSON API ("120/m", "10/s", "5000/h").
SCRUTINEER_API_ANON_RATE = env.str("SCRUTINEER_API_ANON_RATE", default="120/m")
# An API token stops working this many days after it is issued (create_api_token --days).
SCRUTINEER_API_TOKEN_DAYS = env.int("SCRUTINEER_API_TOKEN_DAYS", default=90)
# How many proxies of the council's own (load balancer, reverse proxy) stand in front of the
# app: the client's address is the one the outermost of them saw (core.client_address).
# 0 ignores X-Forwarded-For, which any client can forge.
SCRUTINEER_TRUSTED_PROXIES = env.int("SCRUTINEER_TRUSTED_PROXIES", default=0)
NINJA_NUM_PROXIES = SCRUTINEER_TRUSTED_PROXIES
# Alert sign-up: one confirmation e-mail per address in this many minutes, and this many an
# hour from one client address.
SCRUTINEER_ALERT_EMAIL_INTERVAL_MINUTES = env.int(
    "SCRUTINEER_ALERT_EMAIL_INTERVAL_MINUTES", default=10
)
SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT = env.int(
    "SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT", default=5
)
# Four eyes on performance figures: whoever entered a figure may not approve it too, unless
# the council turns that off.
SCRUTINEER_FIGURES_SELF_APPROVAL = env.bool("SCRUTINEER_FIGURES_SELF_APPROVAL", default=False)
# Request sizes. A form's fields (a 20,000-character update is at most 80 KB) fit well in
# 2.5 MB; an upload is at most the 10 MB an import takes, plus room for the form around it.
# A bigger request is refused (413) before it is read. Files over 2.5 MB spool to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SCRUTINEER_MAX_REQUEST_BYTES = env.int(
    "SCRUTINEER_MAX_REQUEST_BYTES", default=10 * 1024 * 1024 + 1024 * 1024
)
DATA_DIR = Path(env.str("SCRUTINEER_DATA_DIR", default=str(PROJECT_DIR / "data")))
# Uploads waiting to be imported (imports/pending/), in Django's default storage. They are
# private: no URL serves MEDIA_URL (it is named only so that nothing else is taken for it).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "scrutineer.core",
    "scrutineer.files",
    "scrutineer.jobs",
    "scrutineer.committees",
    "scrutineer.tracker",
    "scrutineer.programme",
    "scrutineer.performance",
    "scrutineer.briefings",
    "scrutineer.imports",
    "scrutineer.exports",
    "scrutineer.api",
    "scrutineer.alerts",
    "scrutineer.integrations",
    "scrutineer.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scrutineer.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the body: an oversized request is refused unread.
    "scrutineer.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before any page cache: a date asked as three fields becomes the one field pages read.
    "scrutineer.core.middleware.DateQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "scrutineer.core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one username from one address lock that username out from that
# address for an hour: failures from one address never lock the user out from elsewhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "scrutineer.core.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "scrutineer.urls"
WSGI_APPLICATION = "scrutineer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scrutineer.core.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'scrutineer.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # A writer waits this long for another's write (an import, a worker) before giving up:
    # Python's default of 5 s is too short for a task worker beside a long import.
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 30)
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and "DATABASE_URL" not in env:
    DATA_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs, on Django's task framework (the django-tasks backport of Django 6's
# django.tasks). "db" keeps the queue in the database above and needs only a `manage.py
# db_worker` beside the web server (`make run` starts one); "rq" puts it on Redis at REDIS_URL
# for `manage.py rqworker` on any number of machines; "immediate" runs each job in the process
# that asks for it, as the tests do.
SCRUTINEER_TASKS = env.str("SCRUTINEER_TASKS", default="db")
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if SCRUTINEER_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"SCRUTINEER_TASKS is {SCRUTINEER_TASKS!r}; it must be one of {', '.join(_TASK_BACKENDS)}."
    )
# A job's file (a large document) is kept this long after it is made, then purged
# (manage.py purge_jobs); a running job silent this long was lost with its worker.
SCRUTINEER_JOB_KEEP_HOURS = env.int("SCRUTINEER_JOB_KEEP_HOURS", default=72)
SCRUTINEER_JOB_LOST_SECONDS = env.int("SCRUTINEER_JOB_LOST_SECONDS", default=120)
# Documents of at most this many items download at once; larger ones are made by a worker.
SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS = env.int("SCRUTINEER_DOCUMENT_AT_ONCE_ITEMS", default=150)
# Uploads of at most this many rows are previewed and imported at once; larger ones by a worker.
SCRUTINEER_IMPORT_AT_ONCE_ROWS = env.int("SCRUTINEER_IMPORT_AT_ONCE_ROWS", default=300)

# The council's Modern.gov web service (https://<host>/mgWebService.asmx), the default of
# `manage.py sync_moderngov` and of the administrators' "Sync now"; empty turns the sync off.
SCRUTINEER_MODERNGOV_URL = env.str("SCRUTINEER_MODERNGOV_URL", default="")
# A polite pause between two calls to the service, how long to wait for an answer, and the
# first pause before trying a call again (doubled each time) after a connection or 5xx error.
SCRUTINEER_MODERNGOV_DELAY_SECONDS = env.float("SCRUTINEER_MODERNGOV_DELAY_SECONDS", default=1.0)
SCRUTINEER_MODERNGOV_TIMEOUT_SECONDS = env.float(
    "SCRUTINEER_MODERNGOV_TIMEOUT_SECONDS", default=30.0
)
SCRUTINEER_MODERNGOV_RETRY_SECONDS = env.float("SCRUTINEER_MODERNGOV_RETRY_SECONDS", default=5.0)
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[SCRUTINEER_TASKS], "QUEUES": ["default"]}}
if SCRUTINEER_TASKS == "rq":
    # Only RQ's deployments load its apps, so nothing else ever needs Redis.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}

# Room for the page cache's fragments (core.page_cache): a 400-indicator dashboard keeps 400
# rows, and Django's default of 300 entries would throw them out as fast as it kept them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://?max_entries=20000")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("SCRUTINEER_STATIC_ROOT", default=str(PROJECT_DIR / "staticfiles")))
GOVUK_FRONTEND_DIR = PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [("govuk", GOVUK_FRONTEND_DIR)] if GOVUK_FRONTEND_DIR.is_dir() else []
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
WHITENOISE_USE_FINDERS = DEBUG

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
if "EMAIL_FILE_PATH" in _email:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="scrutineer@localhost")

# Security. HTTPS settings follow SCRUTINEER_HTTPS, which is on whenever DEBUG is off;
# a deployment behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER via the proxy flag.
HTTPS = env.bool("SCRUTINEER_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers ask for health over plain HTTP, on the instance itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("SCRUTINEER_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; then sign in again
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# No inline scripts or styles anywhere: every page works under this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Browser features no page uses, switched off for every page (core.middleware): each is
# allowed for no origin, "()".
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
