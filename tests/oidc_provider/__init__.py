"""A real OpenID Connect provider for the tests: django-oauth-toolkit in its own small Django process.

`running_provider()` starts it on a free loopback port in 8110–8119 (see serve.py) and stops it.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.oidc_provider.directory import CLIENT_ID, CLIENT_SECRET, PASSWORD

PORTS = range(8110, 8120)
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class RunningProvider:
    issuer: str
    state: Path
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    password: str = PASSWORD

    def set_groups(self, username: str, *groups: str) -> None:
        """Change a user's groups in the provider's directory."""
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.oidc_provider.serve",
                "set-groups",
                str(self.state),
                username,
                *groups,
            ],
            cwd=ROOT,
            check=True,
            timeout=60,
        )

    def env(self, key: str = "testi", **extra: str) -> dict[str, str]:
        """Environment variables that configure alke for this provider, as in production."""
        prefix = f"ALKE_OIDC_{key.upper()}_"
        values = {
            "ALKE_OIDC_PROVIDERS": key,
            prefix + "LABEL": "Testitunnistus",
            prefix + "ISSUER": self.issuer,
            prefix + "CLIENT_ID": self.client_id,
            prefix + "CLIENT_SECRET": self.client_secret,
            prefix
            + "ROLE_RULES": "groups=ALKE-OKM -> okm:ministry; groups=ALKE-TEM-KOORD -> tem:coordinator",
        }
        values.update({prefix + name: value for name, value in extra.items()})
        return values


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the test identity provider in 8110-8119")


@contextlib.contextmanager
def running_provider() -> Iterator[RunningProvider]:
    """Start the provider process, wait until its discovery document answers, stop it afterwards."""
    with tempfile.TemporaryDirectory(prefix="alke-idp-") as state:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", str(port), state],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        issuer = f"http://127.0.0.1:{port}/o"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the test identity provider stopped:\n{process.stdout.read()}")
                try:
                    if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the test identity provider did not start within 60 s")
                time.sleep(0.2)
            yield RunningProvider(issuer, Path(state))
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def configure_alke(settings, provider: RunningProvider, **extra: str) -> None:
    """Point alke (through pytest-django's `settings`) at the provider, as its env vars would."""
    import copy

    from alke.accounts.oidc_settings import form_action_origins, providers_from_env

    settings.OIDC_PROVIDERS = providers_from_env(provider.env(**extra))
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = ["'self'", *form_action_origins(settings.OIDC_PROVIDERS)]
    settings.CONTENT_SECURITY_POLICY = policy
