"""System checks for configuration mistakes ``check --deploy`` does not know about."""

from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def content_security_policy_is_set(app_configs, **kwargs):
    policy = getattr(settings, "SECURE_CSP", None) or {}
    problems: list[CheckMessage] = []
    if not policy:
        problems.append(
            Error(
                "SECURE_CSP is empty, so pages are served without a Content-Security-Policy.",
                hint="Keep the policy from dateline.settings or set your own SECURE_CSP.",
                id="dateline.E001",
            )
        )
    else:
        for directive, expected in (("object-src", "'none'"), ("frame-ancestors", "'none'")):
            if expected not in [str(v) for v in policy.get(directive, [])]:
                problems.append(
                    Warning(
                        f"SECURE_CSP does not set {directive} {expected}.",
                        hint=f'Add "{directive}": [CSP.NONE] to SECURE_CSP.',
                        id="dateline.W001",
                    )
                )
    if "django.middleware.csp.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        problems.append(
            Error(
                "ContentSecurityPolicyMiddleware is not in MIDDLEWARE, so SECURE_CSP is ignored.",
                hint=(
                    "Add django.middleware.csp.ContentSecurityPolicyMiddleware "
                    "after SecurityMiddleware."
                ),
                id="dateline.E002",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def public_url_is_set(app_configs, **kwargs):
    """Mail and pings are built outside any request, so they need the public address."""
    if settings.DATELINE_PUBLIC_URL:
        return []
    return [
        Warning(
            "DATELINE_PUBLIC_URL is not set, so links in newsletters and WebSub pings point at "
            "the first of DATELINE_ALLOWED_HOSTS.",
            hint="Set DATELINE_PUBLIC_URL=https://your.news.site",
            id="dateline.W002",
        )
    ]


@register()
def edition_domains_have_a_home(app_configs, **kwargs):
    """With editions on their own domains, links to an edition that has none (and to the
    newsroom) need the site's main address: the request's host is an edition's domain."""
    if not settings.DATELINE_EDITION_DOMAINS or settings.DATELINE_PUBLIC_URL:
        return []
    return [
        Warning(
            "DATELINE_EDITION_DOMAINS is set but DATELINE_PUBLIC_URL is not, so a page on an "
            "edition's domain cannot link to an edition without a domain of its own.",
            hint="Set DATELINE_PUBLIC_URL to the site's main address, e.g. https://news.example",
            id="dateline.W010",
        )
    ]


@register()
def translations_are_compiled(app_configs, **kwargs):
    """Without compiled catalogs every page quietly falls back to English."""
    missing = [
        code
        for code, _name in settings.LANGUAGES
        if code != "en"
        and not any(
            (Path(p) / code / "LC_MESSAGES" / "django.mo").exists() for p in settings.LOCALE_PATHS
        )
    ]
    if not missing:
        return []
    return [
        Warning(
            f"The translations for {', '.join(missing)} are not compiled, so those editions "
            "and newsrooms speak English.",
            hint="Run `make install` (or `dateline compilemessages` in src/dateline).",
            id="dateline.W011",
        )
    ]
