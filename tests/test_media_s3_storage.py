"""The library on S3-compatible storage, for real: a local S3 server (moto's, on loopback) takes
the uploads and renditions through django-storages, and readers' pages point at the bucket.

Skipped, saying why, only when boto3/moto are missing or the server cannot start."""

import io
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as Pillow

from dateline.media import s3 as media_s3
from dateline.media.models import Image, Rendition
from dateline.media.tasks import make_renditions
from tests import factories
from tests.media_helpers import GPS_IFD, exif_with_location, jpeg_bytes, library_picture

boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (pip install -e '.[test]')")
moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")

pytestmark = pytest.mark.django_db
BUCKET = "dateline-media"
ACCESS = {"aws_access_key_id": "newsroom", "aws_secret_access_key": "not-a-secret"}


@pytest.fixture
def s3_server():
    try:
        server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    except Exception as error:  # any failure to listen: say so and skip, never pass silently
        pytest.skip(f"a local S3 server (moto) could not start: {error}")
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **ACCESS)
    client.create_bucket(Bucket=BUCKET)
    # What an operator does once: let anyone read the pictures (docs/newsroom/media.md).
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    yield endpoint, client
    server.stop()


def environment(endpoint: str) -> dict[str, str]:
    return {
        "DATELINE_MEDIA_S3_BUCKET": BUCKET,
        "DATELINE_MEDIA_S3_ENDPOINT_URL": endpoint,
        "DATELINE_MEDIA_S3_REGION": "us-east-1",
        "DATELINE_MEDIA_S3_ACCESS_KEY_ID": ACCESS["aws_access_key_id"],
        "DATELINE_MEDIA_S3_SECRET_ACCESS_KEY": ACCESS["aws_secret_access_key"],
    }


@pytest.fixture
def bucket(s3_server, settings):
    endpoint, client = s3_server
    configured = media_s3.settings_from(environment(endpoint))
    settings.STORAGES = {**settings.STORAGES, "default": configured.storage}
    settings.MEDIA_URL = configured.media_url
    return endpoint, client


def keys(client) -> set[str]:
    listing = client.list_objects_v2(Bucket=BUCKET)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback test server)
        return response.headers["Content-Type"], response.read()


def test_an_upload_and_its_renditions_live_in_the_bucket_and_pages_point_there(
    bucket, django_capture_on_commit_callbacks, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    endpoint, client = bucket
    editor = Client()
    editor.force_login(factories.editor())
    photo = jpeg_bytes(1600, 1200, exif=exif_with_location())

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            "/newsroom/media/image/add/",
            {
                "file": SimpleUploadedFile("harbour.jpg", photo, content_type="image/jpeg"),
                "alt": "Ferries in Baku harbour at dawn",
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name in keys(client) and not Path(settings.MEDIA_ROOT).exists()

    make_renditions.call(image.pk)  # the queued task, as the worker runs it
    names = set(Rendition.objects.values_list("file", flat=True))
    assert len(names) > 30 and names <= keys(client)

    story = factories.article(picture=image)
    page = Client().get(story.get_absolute_url()).content.decode()
    base = f"{endpoint}/{BUCKET}/"
    assert f'src="{base}renditions/{image.pk}/' in page
    assert f'srcset="{base}renditions/{image.pk}/' in page

    content_type, data = fetch(image.file.url)
    assert content_type == "image/jpeg"
    with Pillow.open(io.BytesIO(data)) as stored:
        assert not stored.getexif().get_ifd(GPS_IFD)  # the location did not reach the bucket
    jpeg = Rendition.objects.get(ratio="", width=1280, format="jpeg")
    assert fetch(jpeg.file.url)[0] == "image/jpeg"


def test_a_body_picture_on_the_bucket_survives_cleaning_and_becomes_responsive(bucket):
    image = library_picture(width=640, height=480)
    story = factories.article(
        body=f'<figure><img src="{image.file.url}" alt="Harbour" data-image-id="{image.pk}">'
        "</figure>"
    )
    page = Client().get(story.get_absolute_url()).content.decode()
    assert "<picture>" in page and f"{bucket[0]}/{BUCKET}/renditions/" in page


def test_settings_switch_storage_media_url_and_the_content_security_policy(s3_server, tmp_path):
    """The settings module itself, started with the variables an operator would set."""
    endpoint, _ = s3_server
    env = {
        **os.environ,
        **environment(endpoint),
        "DATELINE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "dateline.settings",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings;"
        "from django.core.files.storage import default_storage as s;"
        "print(json.dumps([settings.MEDIA_URL, settings.STORAGES['default']['BACKEND'],"
        "[str(v) for v in settings.SECURE_CSP['img-src']], s.url('library/a.jpg')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    media_url, backend, img_src, url = json.loads(result.stdout.strip().splitlines()[-1])
    assert media_url == f"{endpoint}/{BUCKET}/"
    assert backend == "storages.backends.s3.S3Storage"
    assert endpoint in img_src and "'self'" in img_src
    assert url == f"{endpoint}/{BUCKET}/library/a.jpg"  # plain, cacheable: no signature


def test_a_custom_domain_serves_the_pictures():
    configured = media_s3.settings_from(
        {
            "DATELINE_MEDIA_S3_BUCKET": "news-pictures",
            "DATELINE_MEDIA_S3_REGION": "eu-central-1",
            "DATELINE_MEDIA_S3_CUSTOM_DOMAIN": "pictures.news.example.org",
            "DATELINE_MEDIA_S3_PREFIX": "site",
        }
    )
    assert configured.media_url == "https://pictures.news.example.org/site/"
    assert configured.storage["OPTIONS"]["custom_domain"] == "pictures.news.example.org"
    aws = media_s3.settings_from(
        {"DATELINE_MEDIA_S3_BUCKET": "news-pictures", "DATELINE_MEDIA_S3_REGION": "eu-central-1"}
    )
    assert aws.media_url == "https://news-pictures.s3.eu-central-1.amazonaws.com/"
    assert media_s3.settings_from({}) is None
