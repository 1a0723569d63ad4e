"""One check for every uploaded file: its size and its type, before anything reads it.

Forms call `validate_upload` (or use `UploadField`, which calls it), so an oversized or wrong kind of
file is refused with a message naming the file, its size and the limit, and nothing is stored.
Django's own limits (settings DATA_UPLOAD_MAX_MEMORY_SIZE, FILE_UPLOAD_MAX_MEMORY_SIZE) bound the
non-file part of a request and how much of a file is kept in memory; they do not limit file size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MB = 1024 * 1024


def megabytes(size: int, *, round_up: bool = False) -> str:
    """A size in megabytes (MiB) with one decimal in the active language, e.g. "10,0 Mt".

    With `round_up` a size just over a limit never shows as equal to it (10 Mt + 1 byte is 10,1 Mt).
    """
    tenths = -(-size * 10 // MB) if round_up else round(size * 10 / MB)
    return _("%(n)s Mt") % {"n": number_format(tenths / 10, 1)}


def _extensions(allowed: Iterable[str]) -> list[str]:
    return [e.lower().lstrip(".") for e in allowed]


def validate_upload(file: UploadedFile, max_bytes: int, allowed_extensions: Iterable[str]) -> None:
    """Raise ValidationError unless `file` is at most `max_bytes` and ends in one of the extensions."""
    allowed = _extensions(allowed_extensions)
    name = PurePath(file.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed:
        raise ValidationError(
            _("Tiedostoa „%(name)s“ ei voi tuoda: tiedostotyyppi ei kelpaa. Sallitut tyypit: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(e.upper() for e in allowed)},
            code="file_type",
        )
    size = file.size or 0
    if size > max_bytes:
        raise ValidationError(
            _("Tiedosto „%(name)s“ on liian suuri: %(size)s, kun enimmäiskoko on %(limit)s.")
            % {"name": name, "size": megabytes(size, round_up=True), "limit": megabytes(max_bytes)},
            code="file_size",
        )


class UploadField(forms.FileField):
    """A file field that refuses files over `max_bytes` or not ending in `extensions`.

    The browser's file chooser is offered only the allowed types (`accept`); the server checks anyway.
    """

    def __init__(self, *, max_bytes: int, extensions: Iterable[str], **kwargs):
        self.max_bytes = max_bytes
        self.extensions = _extensions(extensions)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in self.extensions))

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            validate_upload(file, self.max_bytes, self.extensions)
        return file
