"""The upload form: every check of :mod:`dateline.media.validation`, as form errors."""

import re

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from dateline.media.models import Image
from dateline.media.validation import CheckedPicture, check_upload

ACCEPT = "image/jpeg,image/png,image/webp,image/avif,image/gif"
# "IMG_0042.jpg", "DSC 1234.JPEG": a file name is not a description.
FILE_NAME = re.compile(r"[\w\s.()-]*\.(jpe?g|png|gif|webp|avif|heic|tiff?)", re.IGNORECASE)


class PictureForm(forms.ModelForm):
    """Upload or edit a library picture. The stored file is the checked, re-encoded one."""

    checked: CheckedPicture | None = None
    original_name: str = ""

    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit", "focal_x", "focal_y"]
        # A plain file field: Django's ImageField would run its own Pillow check first and
        # answer every problem with the same vague "Upload a valid image".
        field_classes = {"file": forms.FileField}
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            "alt": forms.TextInput(attrs={"size": 80}),
            "caption": forms.TextInput(attrs={"size": 80}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # the picture already stored, unchanged
        self.checked = check_upload(upload)
        self.original_name = upload.name or ""
        return ContentFile(self.checked.content, name=self.checked.name)

    def clean_alt(self) -> str:
        alt = " ".join((self.cleaned_data.get("alt") or "").split())
        if FILE_NAME.fullmatch(alt):
            raise forms.ValidationError(
                # Translators: the example may be replaced by one that reads naturally.
                _(
                    "This looks like a file name. Describe what the picture shows, as you "
                    "would to a reader on the phone: “Firefighters carry a child out of the "
                    "flooded school in Quba”."
                ),
                code="file_name",
            )
        return alt
