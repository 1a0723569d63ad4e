"""Run the test identity provider: `python -m tests.oidc_provider.serve PORT STATE_DIR`.

Creates its database, signing key, users and alke's client registration in STATE_DIR, then serves
http://127.0.0.1:PORT/o/ until stopped; PORT 0 takes a free port, and the first line printed names it. `... serve set-groups STATE_DIR USER GROUP...` changes a
user's directory groups, as an administrator would in the organisation's directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.oidc_provider.directory import CLIENT_ID, CLIENT_SECRET, PASSWORD, USERS


def _setup(state: Path, port: int | None = None) -> None:
    os.environ["OIDC_PROVIDER_DB"] = str(state / "provider.sqlite3")
    os.environ["OIDC_PROVIDER_KEY"] = str(state / "provider-key.pem")
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{port or 0}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    key_file = state / "provider-key.pem"
    if not key_file.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    import django

    django.setup()


def _populate() -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for username, first, last, groups in USERS:
        user = User.objects.create_user(
            username, f"{username}@tunnistus.test", PASSWORD, first_name=first, last_name=last
        )
        user.groups.set([Group.objects.get_or_create(name=g)[0] for g in groups])
    # Loopback redirect addresses match any port (RFC 8252), so alke's live test server fits.
    Application.objects.create(
        name="alke",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="http://127.0.0.1/oidc/testi/paluu/",
        post_logout_redirect_uris="http://127.0.0.1/oidc/uloskirjautunut/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def serve(port: int, state: Path) -> None:
    import socketserver

    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # the request log would drown the test output
            pass

    class Server(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    # Bound before anything else, so the issuer (which names the port) is known and no other
    # process can take the port between choosing it and listening on it.
    httpd = Server(("127.0.0.1", port), QuietHandler)
    port = httpd.server_address[1]
    _setup(state, port)
    _populate()
    from django.core.wsgi import get_wsgi_application

    httpd.set_app(get_wsgi_application())
    print(f"test identity provider on http://127.0.0.1:{port}/o", flush=True)
    httpd.serve_forever()


def set_groups(state: Path, username: str, groups: list[str]) -> None:
    _setup(state)
    from django.contrib.auth.models import Group, User

    User.objects.get(username=username).groups.set([Group.objects.get_or_create(name=g)[0] for g in groups])


if __name__ == "__main__":
    if sys.argv[1] == "set-groups":
        set_groups(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        serve(int(sys.argv[1]), Path(sys.argv[2]))
