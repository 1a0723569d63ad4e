"""A real OpenID Connect provider for the tests: django-oauth-toolkit in its own small Django process.

`running_provider()` starts it on a free loopback port (the provider binds port 0 and prints the port it
got, so parallel test runs never race for one) and stops it.
"""

from __future__ import annotations

import contextlib
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.oidc_provider.directory import CLIENT_ID, CLIENT_SECRET, PASSWORD

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


def _announced_issuer(process: subprocess.Popen, deadline: float) -> str:
    """The issuer the provider prints once it listens. A thread keeps reading its output, so the
    provider never blocks on a full pipe."""
    lines: queue.Queue[str] = queue.Queue()

    def drain() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=drain, daemon=True).start()
    said: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if not line:
            raise RuntimeError("the test identity provider stopped:\n" + "".join(said))
        said.append(line)
        found = re.search(r"on (http://127\.0\.0\.1:\d+/o)", line)
        if found:
            return found.group(1)
    raise RuntimeError("the test identity provider did not start within 60 s:\n" + "".join(said))


@contextlib.contextmanager
def running_provider() -> Iterator[RunningProvider]:
    """Start the provider process, wait until its discovery document answers, stop it afterwards."""
    with tempfile.TemporaryDirectory(prefix="alke-idp-") as state:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", "0", state],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            issuer = _announced_issuer(process, deadline)
            while True:
                if process.poll() is not None:
                    raise RuntimeError("the test identity provider stopped")
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
