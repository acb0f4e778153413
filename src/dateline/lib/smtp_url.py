"""Reads ``DATELINE_SMTP_URL`` into Django's e-mail settings.

Forms accepted::

    smtp://user:pass@mail.example.org:587?starttls=1
    smtps://user:pass@mail.example.org          (implicit TLS, port 465)
    smtp://127.0.0.1:1025                        (no auth, no TLS)

User names and passwords may be percent-encoded (``%40`` for ``@``).
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from dateline.lib.environment import ConfigurationError


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    use_tls: bool
    use_ssl: bool
    timeout: int


def parse_smtp_url(url: str) -> SmtpSettings:
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ConfigurationError(
            f"DATELINE_SMTP_URL must start with smtp:// or smtps://, not {parts.scheme!r}."
        )
    if not parts.hostname:
        raise ConfigurationError("DATELINE_SMTP_URL has no host name.")
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[0].lower() in {"1", "true", "yes"}
    use_ssl = parts.scheme == "smtps"
    if starttls and use_ssl:
        raise ConfigurationError("DATELINE_SMTP_URL: use either smtps:// or ?starttls=1, not both.")
    default_port = 465 if use_ssl else (587 if starttls else 25)
    try:
        port = parts.port or default_port
    except ValueError:
        raise ConfigurationError("DATELINE_SMTP_URL has an invalid port.") from None
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=starttls,
        use_ssl=use_ssl,
        timeout=int(query.get("timeout", ["20"])[0]),
    )
