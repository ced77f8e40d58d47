"""Typed settings, read from the environment once.

Defaults are the safe choice for a developer's machine; outside development a real
SECRET_KEY must be given, never a fallback (a forged session would expose children's data).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
ENVIRONMENTS = ("development", "test", "production")
MAIL_BACKENDS = ("file", "smtp", "console")
LOG_FORMATS = ("text", "json")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def _bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None


def _working_days(value: str, name: str) -> int:
    days = _int(value, name)
    if not 1 <= days <= 100:
        raise SettingsError(f"{name} must be a number of working days from 1 to 100, not {value!r}")
    return days


def _dates(value: str, name: str) -> tuple[date, ...]:
    days = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            days.append(date.fromisoformat(part))
        except ValueError:
            raise SettingsError(f"{name} must be dates like 2026-12-29, separated by commas; got {part!r}") from None
    return tuple(sorted(days))


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.replace(";", ",").split(",") if part.strip())


def _base_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SettingsError(f"BASE_URL must be an address like https://complaints.example.gov.uk, not {value!r}")
    return value.strip().rstrip("/")


def _staff_domains(value: str, environment: str) -> tuple[str, ...]:
    domains = tuple(name.lstrip("@") for name in _names(value))
    if not domains and environment == "production":
        # Without it an admin could give anyone outside the council an account that reads every complaint.
        raise SettingsError("STAFF_EMAIL_DOMAINS must be set in production, like example-council.gov.uk")
    return domains


def private_folder(path: Path) -> Path:
    """`path` as a folder only its owner can open (0700): instance/ holds the database, the secret key and
    emails with private links, which no other account on the machine should read."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create `path` readable by its owner only (0600), before anything writes to it; an existing file is narrowed
    to that too. A missing folder is made 0700; an existing one is left as it is (it may be shared, like /tmp)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # O_EXCL: an existing file is never opened here. Closing any descriptor of a file drops every POSIX lock this
    # process holds on it, so opening a live SQLite database (a second engine on it) would silently release its
    # connections' locks, and another connection could then checkpoint and delete the -wal/-shm under them
    # ("disk I/O error").
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    path.chmod(0o600)
    return path


def _development_secret(instance_dir: Path) -> str:
    """A random key kept in instance/ so development sessions survive restarts."""
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    private_file(path).write_text(key)
    return key


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    database_url: str = ""
    secret_key: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    acknowledgement_working_days: int = 2
    closure_days: tuple[date, ...] = ()
    base_url: str = "http://127.0.0.1:8000"
    instance_dir: Path = INSTANCE_DIR
    mail_backend: str = "file"
    mail_from: str = "complaints@example-council.gov.uk"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    ratelimit_enabled: bool = True
    ratelimit_storage_uri: str = "memory://"
    head_of_service_email: str = "head-of-service@example-council.gov.uk"
    duty_manager_email: str = "duty-manager@example-council.gov.uk"
    council_name: str = "Example Council"
    # How the public reaches the council about a complaint: the footer, /help-now, the accessibility statement
    # and every dead end ("this link has ended", "we can't find that page") show them. Ofcom's drama range and an
    # example address until the council sets its own.
    council_phone: str = "01632 960 100"
    council_email: str = "complaints@example-council.gov.uk"
    council_address: str = "Complaints team, Example Council, Town Hall, Exampletown, EX1 1AA"
    # The council's numbers shown with the help after a disclosure and on /help-now. The defaults are Ofcom's
    # numbers for drama (never anyone's real line): set the council's own before going live.
    childrens_services_phone: str = "01632 960 000"
    emergency_duty_phone: str = "01632 960 999"
    # How many proxies in front of gunicorn set X-Forwarded-For/-Proto/-Host. 0 trusts none of those headers
    # (a visitor could forge them); behind a proxy it must be set, or every visitor has the proxy's address and
    # shares one rate limit: the whole public 20 conversations an hour, all staff 10 sign-ins a minute.
    proxy_hops: int = 0
    # Operations (docs/operations.md): "json" logs one JSON object a line, one per request; /metrics asks for
    # this bearer token when it is set; WEB_HOSTS is how many hosts serve the app (what `check-config` checks).
    log_format: str = "text"
    metrics_token: str = ""
    web_hosts: int = 1
    # Host names the service answers to besides BASE_URL's (TRUSTED_HOSTS, comma-separated; ".example.gov.uk"
    # matches every subdomain). A request for any other host is refused, so no link can be written for it.
    extra_trusted_hosts: tuple[str, ...] = ()
    # The email domains staff accounts may have (STAFF_EMAIL_DOMAINS); empty allows any outside production.
    staff_email_domains: tuple[str, ...] = ()
    # Corporate complaints' timescales, stage 1 and stage 2, in working days (reminders/deadlines.py).
    corporate_working_days: tuple[int, int] = (10, 20)
    # Files kept with complaints (casework/files.py): an S3-compatible bucket when FILES_BUCKET is set (with
    # FILES_ENDPOINT_URL for one that is not AWS), else instance/files/. CLAMAV_SOCKET: clamd's Unix socket, and
    # then every file is scanned before it is kept.
    files_bucket: str = ""
    files_endpoint_url: str = ""
    clamav_socket: str = ""
    # The languages the public may choose (LANGUAGES, comma-separated; English always). A catalogue still marked as
    # needing a professional translator's review is refused in production by check-config (docs/languages.md).
    languages: tuple[str, ...] = ("en", "pl")

    @property
    def trusted_hosts(self) -> tuple[str, ...]:
        """BASE_URL's host, the extra names, and on a developer's machine the loopback names (tests use them)."""
        hosts = [urlsplit(self.base_url).hostname or "", *self.extra_trusted_hosts]
        if not self.is_production:
            hosts += ["localhost", "127.0.0.1"]
        return tuple(dict.fromkeys(host for host in hosts if host))

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        environment = env.get("APP_ENV", "development")
        if environment not in ENVIRONMENTS:
            raise SettingsError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
        instance_dir = Path(env.get("INSTANCE_PATH", INSTANCE_DIR))
        secret_key = env.get("SECRET_KEY", "")
        if not secret_key:
            if environment == "production":
                raise SettingsError("SECRET_KEY must be set in production (a long random string)")
            secret_key = _development_secret(instance_dir)
        database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'complaints.sqlite3'}"
        if database_url.startswith("postgres://") or database_url.startswith("postgresql://"):
            # psycopg 3 is the driver we install; make the URL say so rather than fail on import.
            database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
        mail_backend = env.get("MAIL_BACKEND", "file")
        if mail_backend not in MAIL_BACKENDS:
            raise SettingsError(f"MAIL_BACKEND must be one of {', '.join(MAIL_BACKENDS)}, not {mail_backend!r}")
        log_format = env.get("LOG_FORMAT", "text")
        if log_format not in LOG_FORMATS:
            raise SettingsError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
        try:
            timezone = ZoneInfo(env.get("TIMEZONE", "Europe/London"))
        except Exception:
            raise SettingsError(f"TIMEZONE {env.get('TIMEZONE')!r} is not a known time zone") from None
        ratelimit_storage_uri = env.get("RATELIMIT_STORAGE_URI", "memory://")
        if environment == "production" and ratelimit_storage_uri.startswith("memory://"):
            # Counted in memory, every gunicorn worker and every machine has its own count: the limits multiply.
            raise SettingsError("RATELIMIT_STORAGE_URI must name a shared store in production, like redis://host:6379")
        return cls(
            environment=environment,
            database_url=database_url,
            secret_key=secret_key,
            timezone=timezone,
            acknowledgement_working_days=_int(env.get("ACK_WORKING_DAYS", "2"), "ACK_WORKING_DAYS"),
            closure_days=_dates(env.get("CLOSURE_DAYS", ""), "CLOSURE_DAYS"),
            base_url=_base_url(env.get("BASE_URL", "http://127.0.0.1:8000")),
            instance_dir=instance_dir,
            mail_backend=mail_backend,
            mail_from=env.get("MAIL_FROM", cls.mail_from),
            smtp_host=env.get("SMTP_HOST", "127.0.0.1"),
            smtp_port=_int(env.get("SMTP_PORT", "25"), "SMTP_PORT"),
            smtp_username=env.get("SMTP_USERNAME", ""),
            smtp_password=env.get("SMTP_PASSWORD", ""),
            smtp_starttls=_bool(env.get("SMTP_STARTTLS", "false"), "SMTP_STARTTLS"),
            ratelimit_enabled=_bool(env.get("RATELIMIT_ENABLED", "true"), "RATELIMIT_ENABLED"),
            ratelimit_storage_uri=ratelimit_storage_uri,
            head_of_service_email=env.get("HEAD_OF_SERVICE_EMAIL", cls.head_of_service_email),
            duty_manager_email=env.get("DUTY_MANAGER_EMAIL", cls.duty_manager_email),
            council_name=env.get("COUNCIL_NAME", cls.council_name),
            council_phone=env.get("COUNCIL_PHONE", cls.council_phone),
            council_email=env.get("COUNCIL_EMAIL", cls.council_email),
            council_address=env.get("COUNCIL_ADDRESS", cls.council_address),
            childrens_services_phone=env.get("CHILDRENS_SERVICES_PHONE", cls.childrens_services_phone),
            emergency_duty_phone=env.get("EMERGENCY_DUTY_PHONE", cls.emergency_duty_phone),
            proxy_hops=_int(env.get("PROXY_HOPS", "0"), "PROXY_HOPS"),
            log_format=log_format,
            metrics_token=env.get("METRICS_TOKEN", ""),
            web_hosts=_int(env.get("WEB_HOSTS", "1"), "WEB_HOSTS"),
            extra_trusted_hosts=_names(env.get("TRUSTED_HOSTS", "")),
            staff_email_domains=_staff_domains(env.get("STAFF_EMAIL_DOMAINS", ""), environment),
            corporate_working_days=(
                _working_days(env.get("CORPORATE_STAGE_1_WORKING_DAYS", "10"), "CORPORATE_STAGE_1_WORKING_DAYS"),
                _working_days(env.get("CORPORATE_STAGE_2_WORKING_DAYS", "20"), "CORPORATE_STAGE_2_WORKING_DAYS"),
            ),
            files_bucket=env.get("FILES_BUCKET", ""),
            files_endpoint_url=env.get("FILES_ENDPOINT_URL", ""),
            clamav_socket=env.get("CLAMAV_SOCKET", ""),
            languages=("en", *(code for code in _names(env.get("LANGUAGES", "en,pl")) if code != "en")),
        )
