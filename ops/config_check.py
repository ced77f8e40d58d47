"""`flask check-config`: the settings a council must change before going live, each with how to fix it.

The defaults are right for a developer's machine (`make run`) and wrong in production: example addresses would
send safeguarding alerts nowhere, a file "mail server" sends nothing, and per-host rate limits or a per-host
SQLite file split one service into several that disagree. In production each is refused; elsewhere the same
list is printed as advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from content.i18n import LANGUAGES, needs_review
from settings import Settings

EXAMPLE_DOMAINS = ("example-council.gov.uk", "example.com", "example.org", "example.net")
MIN_SECRET_LENGTH = 32


@dataclass(frozen=True)
class Problem:
    what: str
    fix: str


def _unreviewed_translations(settings: Settings) -> list[Problem]:
    """A language offered whose catalogue still says a professional translator must review it first."""
    return [
        Problem(
            f"The {LANGUAGES[language]} ({language}) translation has not been reviewed by a professional translator: "
            "children and families would read words nobody qualified has checked.",
            f"Have translations/{language}/LC_MESSAGES/messages.po reviewed and take the review line out of its "
            "header, or set LANGUAGES=en until then (docs/languages.md).",
        )
        for language in settings.languages
        if language in LANGUAGES and needs_review(language)
    ]


def problems(settings: Settings, trusted_hosts: tuple[str, ...]) -> list[Problem]:
    found: list[Problem] = []
    defaults = Settings()
    for name, value in (
        ("MAIL_FROM", settings.mail_from),
        ("DUTY_MANAGER_EMAIL", settings.duty_manager_email),
        ("HEAD_OF_SERVICE_EMAIL", settings.head_of_service_email),
    ):
        domain = value.rpartition("@")[2].lower()
        if domain in EXAMPLE_DOMAINS or domain.endswith(tuple("." + d for d in EXAMPLE_DOMAINS)):
            found.append(Problem(f"{name} is an example address ({value}).", f"Set {name} to the council's real one."))
    for name, value, default in (
        ("CHILDRENS_SERVICES_PHONE", settings.childrens_services_phone, defaults.childrens_services_phone),
        ("EMERGENCY_DUTY_PHONE", settings.emergency_duty_phone, defaults.emergency_duty_phone),
    ):
        if value == default:
            found.append(
                Problem(
                    f"{name} is a made-up number ({value}); it is shown to people in danger.",
                    f"Set {name} to the council's own number.",
                )
            )
    if settings.council_name == defaults.council_name:
        found.append(Problem("COUNCIL_NAME is the example name.", "Set COUNCIL_NAME to the council's name."))
    base = urlsplit(settings.base_url)
    if base.scheme != "https":
        found.append(
            Problem(
                f"BASE_URL ({settings.base_url}) is not https: the links in emails are private keys.",
                "Set BASE_URL to the public https address, e.g. https://complaints.yourcouncil.gov.uk.",
            )
        )
    if base.hostname and base.hostname not in trusted_hosts:
        found.append(
            Problem(
                f"BASE_URL's host {base.hostname} is not in TRUSTED_HOSTS ({', '.join(trusted_hosts) or 'empty'}).",
                f"Set TRUSTED_HOSTS to the names the service answers to, including {base.hostname} (comma-separated).",
            )
        )
    if settings.mail_backend != "smtp":
        found.append(
            Problem(
                f"MAIL_BACKEND is {settings.mail_backend}: no email leaves this machine, not even safeguarding alerts.",
                "Set MAIL_BACKEND=smtp and SMTP_HOST, SMTP_PORT (and SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS).",
            )
        )
    if len(settings.secret_key) < MIN_SECRET_LENGTH:
        found.append(
            Problem(
                f"SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters.",
                'Set SECRET_KEY to a long random string: python3 -c "import secrets; print(secrets.token_hex(32))".',
            )
        )
    if not settings.metrics_token:
        found.append(
            Problem(
                "METRICS_TOKEN is not set: anyone can read /metrics (counts only, but of safeguarding flags too).",
                "Set METRICS_TOKEN to a long random string and give it to Prometheus as a bearer token.",
            )
        )
    found += _unreviewed_translations(settings)
    if settings.web_hosts > 1:
        if settings.ratelimit_enabled and settings.ratelimit_storage_uri.startswith("memory://"):
            found.append(
                Problem(
                    f"Rate limits are kept in memory but WEB_HOSTS is {settings.web_hosts}: each host counts alone, "
                    "so every limit is that many times looser.",
                    "Set RATELIMIT_STORAGE_URI=redis://HOST:6379 (Redis or Valkey, shared by every host).",
                )
            )
        if settings.database_url.startswith("sqlite"):
            found.append(
                Problem(
                    f"The database is a SQLite file but WEB_HOSTS is {settings.web_hosts}: each host would have its "
                    "own complaints.",
                    "Set DATABASE_URL to one PostgreSQL database that every host uses.",
                )
            )
        if not settings.proxy_hops:
            found.append(
                Problem(
                    "PROXY_HOPS is 0 with several hosts: every visitor has the proxy's address and shares one limit.",
                    "Set PROXY_HOPS to the number of proxies in front of gunicorn (usually 1).",
                )
            )
    return found


def parse_trusted_hosts(value: str) -> tuple[str, ...]:
    return tuple(host.strip().lower() for host in value.split(",") if host.strip())
