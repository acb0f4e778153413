"""Renditions of a 24-megapixel photo: how long they take, and what AVIF and WebP save.

    .venv/bin/python bench/images.py [--runs 3]

Makes a photo-like 6000 x 4000 JPEG (gradients, shapes, blur and sensor-like noise, so it
compresses like a photo rather than like flat colour), uploads it through the library's checks
into a throwaway data folder, then times making every standard rendition (the whole picture,
the 16:9 and 4:3 crops, the 1200-pixel preview JPEG) from scratch, ``--runs`` times. Prints the
timings and, for the 1280-pixel whole picture, each format's bytes as a ratio of the JPEG's;
writes the table to bench/results/images.md.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (6000, 4000)


def setup_django(data_dir: str) -> None:
    os.environ["DATELINE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    for name in [n for n in os.environ if n.startswith("DATELINE_MEDIA_S3_")]:
        os.environ.pop(name)  # the file system: the encoders are measured, not a network
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def photo_like(seed: int = 24) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = SIZE
    sky = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    picture = Image.merge(
        "RGB",
        [
            band.point(lambda v, k=k: int(40 + v * k))
            for k, band in zip((0.5, 0.6, 0.8), sky.split(), strict=True)
        ],
    )
    draw = ImageDraw.Draw(picture)
    for _ in range(600):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(20, 900), rng.randrange(20, 900)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse([x, y, x + w, y + h], fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(4))
    noise = Image.effect_noise(SIZE, 24).convert("RGB")
    picture = Image.blend(picture, noise, 0.12)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-images-") as data_dir:
        setup_django(data_dir)
        from django.core.files.base import ContentFile
        from django.core.files.uploadedfile import SimpleUploadedFile

        from dateline.media import renditions
        from dateline.media.models import Image, Rendition
        from dateline.media.validation import check_upload

        original = photo_like()
        started = time.perf_counter()
        checked = check_upload(SimpleUploadedFile("photo.jpg", original, "image/jpeg"))
        check_seconds = time.perf_counter() - started
        image = Image(alt="Benchmark photo", file_size=len(checked.content))
        image.file = ContentFile(checked.content, name=checked.name)
        image.save()

        timings = []
        for _ in range(args.runs):
            renditions.discard(image)
            image = Image.objects.get(pk=image.pk)
            started = time.perf_counter()
            made = renditions.ensure(image, renditions.STANDARD)
            timings.append(time.perf_counter() - started)
        at_1280 = {
            r.format: r.file_size
            for r in Rendition.objects.filter(image=image, ratio="", width=1280)
        }
        total = sum(r.file_size for r in Rendition.objects.filter(image=image))

    megapixels = SIZE[0] * SIZE[1] / 1_000_000
    lines = [
        f"# Renditions of a {megapixels:.0f}-megapixel JPEG ({len(original) / 1e6:.1f} MB)",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| upload check and re-encode (GPS stripped) | {check_seconds:.2f} s |",
        f"| all {len(made)} standard renditions, median of {args.runs} | "
        f"{statistics.median(timings):.2f} s |",
        f"| fastest / slowest run | {min(timings):.2f} s / {max(timings):.2f} s |",
        f"| bytes of all renditions | {total / 1e6:.2f} MB |",
        "",
        "| format at 1280 px | bytes | vs JPEG |",
        "|---|---:|---:|",
    ]
    for fmt in ("jpeg", "webp", "avif"):
        lines.append(f"| {fmt} | {at_1280[fmt]:,} | {at_1280[fmt] / at_1280['jpeg']:.2f} |")
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "images.md").write_text(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
