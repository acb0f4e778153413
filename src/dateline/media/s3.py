"""S3-compatible storage for uploads and renditions, from ``DATELINE_MEDIA_S3_*`` variables.

Read by ``settings.py`` before Django starts, so this module imports nothing from Django.
Without a bucket the library stays on the file system (``MEDIA_ROOT``); with one, Django's
default storage becomes django-storages' ``S3Storage`` and ``MEDIA_URL`` becomes the
bucket's public address, which the body sanitiser and the Content-Security-Policy trust.

>>> settings_from({"DATELINE_MEDIA_S3_BUCKET": "news",
...                "DATELINE_MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}).media_url
'http://127.0.0.1:9000/news/'
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

# Uploaded names are never reused (a new upload gets a new name), so a day of caching is safe;
# a day rather than a year so that a picture taken down for legal reasons leaves caches soon.
CACHE_CONTROL = "public, max-age=86400"


@dataclass(frozen=True)
class S3Settings:
    storage: dict
    media_url: str


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def public_base_url(
    *, bucket: str, endpoint_url: str, region: str, custom_domain: str, location: str
) -> str:
    """Where the bucket's objects are read from, ending in ``/``.

    A custom domain (a CDN, or the bucket's own website host) wins; an endpoint (MinIO,
    Ceph, R2…) is addressed path-style; plain AWS uses the regional virtual host.
    """
    prefix = f"{location.strip('/')}/" if location.strip("/") else ""
    if custom_domain:
        return f"https://{custom_domain.strip('/')}/{prefix}"
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{bucket}/{prefix}"
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{bucket}.{host}/{prefix}"


def settings_from(env: Mapping[str, str] | None = None) -> S3Settings | None:
    """The ``STORAGES["default"]`` entry and ``MEDIA_URL`` for S3, or None without a bucket.

    ``env`` defaults to the process environment.
    """
    env = os.environ if env is None else env
    bucket = env.get("DATELINE_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return None
    endpoint_url = env.get("DATELINE_MEDIA_S3_ENDPOINT_URL", "").strip()
    region = env.get("DATELINE_MEDIA_S3_REGION", "").strip()
    custom_domain = env.get("DATELINE_MEDIA_S3_CUSTOM_DOMAIN", "").strip()
    location = env.get("DATELINE_MEDIA_S3_PREFIX", "").strip()
    # Path-style addressing is what self-hosted servers (MinIO) expect at an endpoint URL.
    addressing = env.get("DATELINE_MEDIA_S3_ADDRESSING_STYLE", "").strip() or (
        "path" if endpoint_url else "auto"
    )
    options: dict = {
        "bucket_name": bucket,
        "location": location.strip("/"),
        "addressing_style": addressing,
        # Public objects, plain URLs: a signed URL changes every time and defeats caching.
        "querystring_auth": _truthy(env.get("DATELINE_MEDIA_S3_SIGNED_URLS", "0")),
        "file_overwrite": False,
        "object_parameters": {"CacheControl": CACHE_CONTROL},
    }
    for option, variable in (
        ("endpoint_url", "DATELINE_MEDIA_S3_ENDPOINT_URL"),
        ("region_name", "DATELINE_MEDIA_S3_REGION"),
        ("access_key", "DATELINE_MEDIA_S3_ACCESS_KEY_ID"),
        ("secret_key", "DATELINE_MEDIA_S3_SECRET_ACCESS_KEY"),
        ("custom_domain", "DATELINE_MEDIA_S3_CUSTOM_DOMAIN"),
        # Only for buckets that still use ACLs; a bucket policy granting public reads is the
        # better way (docs/newsroom/media.md).
        ("default_acl", "DATELINE_MEDIA_S3_ACL"),
    ):
        value = env.get(variable, "").strip()
        if value:
            options[option] = value
    media_url = env.get("DATELINE_MEDIA_URL", "").strip() or public_base_url(
        bucket=bucket,
        endpoint_url=endpoint_url,
        region=region,
        custom_domain=custom_domain,
        location=location,
    )
    if not media_url.endswith("/"):
        media_url += "/"
    return S3Settings(
        storage={"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        media_url=media_url,
    )


def origin_of(url: str) -> str | None:
    """``https://cdn.example.org`` for an absolute URL, None for a path on this site."""
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None
