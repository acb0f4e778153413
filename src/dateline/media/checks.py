"""System checks for the media library's settings: limits, and S3 when it is configured."""

import importlib.util

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.core.files.storage import default_storage


@register()
def upload_limits_make_sense(app_configs, **kwargs) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    for name in ("DATELINE_MEDIA_MAX_UPLOAD_MB", "DATELINE_MEDIA_MAX_MEGAPIXELS"):
        if getattr(settings, name) < 1:
            problems.append(
                Error(
                    f"{name} is {getattr(settings, name)}, so no picture could be uploaded.",
                    hint=f"Set {name} to a positive number, or unset it for the default.",
                    id="dateline.E101",
                )
            )
    return problems


@register()
def s3_storage_is_usable(app_configs, **kwargs) -> list[CheckMessage]:
    backend = settings.STORAGES.get("default", {}).get("BACKEND", "")
    if "storages.backends.s3" not in backend:
        return []
    if importlib.util.find_spec("boto3") is None:
        return [
            Error(
                "DATELINE_MEDIA_S3_BUCKET is set, but boto3 is not installed.",
                hint="Install the S3 extra: pip install 'dateline[s3]'.",
                id="dateline.E102",
            )
        ]
    problems: list[CheckMessage] = []
    sample = default_storage.url("library/check.jpg")
    if not sample.startswith(settings.MEDIA_URL):
        problems.append(
            Warning(
                f"Pictures will be served from {sample.rsplit('/library/', 1)[0]}/ but "
                f"MEDIA_URL is {settings.MEDIA_URL}, so pictures in article bodies would be "
                "removed and the Content-Security-Policy would block them.",
                hint="Set DATELINE_MEDIA_URL to the bucket's public address.",
                id="dateline.W101",
            )
        )
    return problems
