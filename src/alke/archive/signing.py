"""Archive signatures: an HMAC-SHA256 of the manifest, keyed from the settings.

The manifest (`round.json`) holds the SHA-256 of every other file in the archive, so signing the manifest's
bytes signs the whole archive. Anyone can recompute checksums; only a holder of the key can recompute the
signature, so a changed archive is refused before anything in it is trusted.

The key is `settings.ARCHIVE_SIGNING_KEY` (environment `ALKE_ARCHIVE_KEY`) or, when that is empty, one
derived from `SECRET_KEY`. Installations that exchange archives share `ALKE_ARCHIVE_KEY`.
"""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

SIGNATURE = "round.json.sig"
ALGORITHM = "HMAC-SHA256"
_SALT = "alke.archive.signature"
_KEY_ID_SALT = "alke.archive.key-id"


class SignatureError(ValueError):
    """The archive's signature is missing, malformed, made with another key, or does not match."""


def _secret() -> str:
    secret = getattr(settings, "ARCHIVE_SIGNING_KEY", "") or settings.SECRET_KEY
    if not secret:
        raise SignatureError(
            _("Arkistojen allekirjoitusavain puuttuu: aseta ALKE_ARCHIVE_KEY tai SECRET_KEY.")
        )
    return secret


def key_id() -> str:
    """A short public fingerprint of the key, so a refusal can tell "another key" from "changed"."""
    return salted_hmac(_KEY_ID_SALT, "key-id", secret=_secret(), algorithm="sha256").hexdigest()[:16]


def _mac(manifest: bytes) -> str:
    return salted_hmac(_SALT, manifest, secret=_secret(), algorithm="sha256").hexdigest()


def sign(manifest: bytes) -> bytes:
    """The content of the signature member for these manifest bytes."""
    return json.dumps({"algorithm": ALGORITHM, "key": key_id(), "signature": _mac(manifest)}).encode()


def verify(manifest: bytes, signature: bytes | None) -> None:
    """Raise SignatureError naming the reason unless `signature` signs `manifest` with this key."""
    if signature is None:
        raise SignatureError(
            _(
                "Arkisto ei ole allekirjoitettu (%(name)s puuttuu): sitä ei ole tehty tämän version "
                "alke export-round -komennolla tai allekirjoitus on poistettu."
            )
            % {"name": SIGNATURE}
        )
    try:
        parsed = json.loads(signature.decode("utf-8"))
        algorithm, key, mac = parsed["algorithm"], parsed["key"], parsed["signature"]
    except (UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise SignatureError(_("Arkiston allekirjoitus (%(name)s) on rikki.") % {"name": SIGNATURE}) from None
    if algorithm != ALGORITHM or not isinstance(mac, str) or not isinstance(key, str):
        raise SignatureError(
            _("Arkiston allekirjoitus ei ole muotoa %(algorithm)s.") % {"algorithm": ALGORITHM}
        )
    if not hmac.compare_digest(key, key_id()):
        raise SignatureError(
            _(
                "Arkisto on allekirjoitettu toisella avaimella (%(theirs)s; tämän asennuksen avain on "
                "%(ours)s). Arkistoja vaihtavat asennukset käyttävät samaa ALKE_ARCHIVE_KEY-avainta."
            )
            % {"theirs": key[:16], "ours": key_id()}
        )
    if not hmac.compare_digest(mac, _mac(manifest)):
        raise SignatureError(
            _("Arkiston allekirjoitus ei täsmää: arkistoa on muutettu sen jälkeen, kun se vietiin.")
        )
