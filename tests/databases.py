"""Test databases built once and copied, instead of migrated per worker and seeded per test module.

The migrated schema: applying the migrations takes most of a minute (Django re-renders the states of
the ~100 related models for every operation), so it is done once per set of migrations and database
backend. The result is kept as a template named by a hash of every migration file (a SQLite file under
var/test-db/, a PostgreSQL database), and each worker's test database starts as a copy of it. A changed,
added or removed migration changes the hash, so a stale template is never used.

The demo content (`alke seed-demo`): seeded once per worker process on top of the reference data and kept
as a copy. Test modules marked `demo_data` run on a fresh copy of it (see `DemoWorld`); every other module
keeps the plain test database. Non-transactional tests roll back as usual, so one copy serves a module;
after a transactional test (which empties the database) the copy is made again before the next test.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import hashlib
import io
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connections
from django.db.migrations.loader import MigrationLoader

TEMPLATE_ALIAS = "alke_test_template"


def template_dir() -> Path:
    path = Path(settings.VAR_DIR) / "test-db"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def file_lock(name: str) -> Iterator[None]:
    """Serialise the workers (and concurrent runs) that would build the same template."""
    with open(template_dir() / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrations_fingerprint(vendor: str) -> str:
    """A hash of Django's version, the backend and every migration file of every installed app."""
    digest = hashlib.sha256(f"{django.__version__}\0{vendor}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        migration = loader.disk_migrations[key]
        digest.update("\0".join(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    return digest.hexdigest()[:12]


def _migrate(connection, name: str) -> None:
    """Apply every migration to the database `name` of the same server, through a temporary alias."""
    connections.settings[TEMPLATE_ALIAS] = {**copy.deepcopy(connection.settings_dict), "NAME": name}
    try:
        call_command("migrate", database=TEMPLATE_ALIAS, run_syncdb=True, interactive=False, verbosity=0)
    finally:
        connections[TEMPLATE_ALIAS].close()
        del connections[TEMPLATE_ALIAS]
        del connections.settings[TEMPLATE_ALIAS]


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def _pg_databases(connection, like: str) -> list[str]:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [like])
        return [row[0] for row in cursor.fetchall()]


def _pg_drop(connection, name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(connection, name)}")


def _pg_clone(connection, source: str, target: str) -> None:
    """CREATE DATABASE target as a copy of source, waiting while a closing session still holds source."""
    _pg_drop(connection, target)
    for attempt in range(100):
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(
                    f"CREATE DATABASE {_quote(connection, target)} TEMPLATE {_quote(connection, source)}"
                )
            return
        except OperationalError as error:
            if "being accessed by other users" not in str(error) or attempt == 99:
                raise
            time.sleep(0.1)


# --- the migrated schema ------------------------------------------------------------------------------------


class MigratedTemplate:
    """Builds (once) and hands out the migrated schema; `prepare()` runs before the test database is made."""

    def __init__(self) -> None:
        self.sqlite_path: Path | None = None

    def prepare(self, connection) -> None:
        if connection.vendor == "postgresql":
            self._prepare_postgresql(connection)
        elif connection.vendor == "sqlite":
            self._prepare_sqlite(connection)
        else:
            return  # another backend migrates as Django does
        # The test database is then made without migrations (a quick syncdb, or nothing on a copy);
        # the template's content replaces what it made.
        connection.settings_dict["TEST"]["MIGRATE"] = False

    def _prepare_postgresql(self, connection) -> None:
        prefix = f"test_{connection.settings_dict['NAME']}_migrated_"
        name = prefix + migrations_fingerprint(connection.vendor)
        with file_lock(name):
            if name not in _pg_databases(connection, name):
                building = name + "_new"
                _pg_drop(connection, building)
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f"CREATE DATABASE {_quote(connection, building)}")
                _migrate(connection, building)
                with connection._nodb_cursor() as cursor:
                    cursor.execute(
                        f"ALTER DATABASE {_quote(connection, building)} RENAME TO {_quote(connection, name)}"
                    )
                for old in _pg_databases(connection, prefix.replace("_", r"\_") + "%"):
                    if old != name:
                        with contextlib.suppress(OperationalError):  # still used by another run
                            _pg_drop(connection, old)
        connection.settings_dict["TEST"]["TEMPLATE"] = name

    def _prepare_sqlite(self, connection) -> None:
        path = template_dir() / f"migrated-{migrations_fingerprint(connection.vendor)}.sqlite3"
        with file_lock(path.stem):
            if not path.exists():
                building = path.with_suffix(".new")
                building.unlink(missing_ok=True)
                _migrate(connection, str(building))
                with contextlib.closing(sqlite3.connect(building)) as db:
                    db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                building.replace(path)
                for old in path.parent.glob("migrated-*.sqlite3"):
                    if old != path:
                        old.unlink(missing_ok=True)
        self.sqlite_path = path

    def fill(self, connection) -> None:
        """SQLite: copy the template into the new (syncdb-made) test database; PostgreSQL made it a copy."""
        if self.sqlite_path is None:
            return
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(f"file:{self.sqlite_path}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)


# --- the demo content ---------------------------------------------------------------------------------------


def seed_demo() -> str:
    """Run `alke seed-demo`; what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    cache.clear()
    return out.getvalue()


def _sqlite_copy(raw: sqlite3.Connection) -> sqlite3.Connection:
    target = sqlite3.connect(":memory:", check_same_thread=False)
    raw.backup(target)
    return target


class DemoWorld:
    """The demo content, seeded once per worker, switched in for the modules marked `demo_data`.

    SQLite (in memory): the test database's content is saved, replaced by a copy of the seeded content and
    put back afterwards (the backup API copies the database in milliseconds). PostgreSQL: the seeded content
    is a database of its own; the connection points at it while a demo module runs, and a transactional test
    (which empties the database it runs on) gets a fresh copy instead.
    """

    def __init__(self, connection, blocker) -> None:
        self.connection = connection
        self.blocker = blocker  # the test hooks that switch copies run outside any fixture
        self.active = False
        self.dirty = False  # SQLite: a transactional test emptied the content
        self.seed_output = ""  # what `alke seed-demo` printed when it made the content
        self._template: sqlite3.Connection | str | None = None
        self._saved: sqlite3.Connection | None = None
        self._base_name: str | None = None

    def _names(self) -> tuple[str, str]:
        """PostgreSQL: the seeded database and the copy for transactional tests, named after the worker's."""
        return f"{self._base_name}_demo", f"{self._base_name}_demo_copy"

    def _raw(self) -> sqlite3.Connection:
        self.connection.ensure_connection()
        raw = self.connection.connection
        if raw.in_transaction:
            raise RuntimeError("the demo content cannot be switched in inside a transaction")
        return raw

    def _switch(self, name: str) -> None:
        self.connection.close()
        self.connection.settings_dict["NAME"] = name

    def enter(self) -> None:
        if self.connection.vendor == "sqlite":
            raw = self._raw()
            self._saved = _sqlite_copy(raw)
            if self._template is None:
                self.seed_output = seed_demo()
                self._template = _sqlite_copy(raw)
            else:
                self._template.backup(raw)
        elif self.connection.vendor == "postgresql":
            self._base_name = self.connection.settings_dict["NAME"]
            seeded, _copy = self._names()
            if self._template is None:
                self.connection.close()
                _pg_clone(self.connection, self._base_name, seeded)
                self._switch(seeded)
                self.seed_output = seed_demo()
                self._template = seeded
            self._switch(seeded)
        else:
            raise RuntimeError(f"no demo content for the {self.connection.vendor} backend")
        self.active, self.dirty = True, False

    def before_test(self, transactional: bool) -> None:
        """Called before each test of a demo module, before its fixtures."""
        if self.connection.vendor == "sqlite":
            if self.dirty:
                self._template.backup(self._raw())
                self.dirty = False
            return
        seeded, copy_ = self._names()
        if transactional:
            self.connection.close()
            _pg_clone(self.connection, seeded, copy_)
            self._switch(copy_)
        elif self.connection.settings_dict["NAME"] != seeded:
            self._switch(seeded)

    def after_test(self, transactional: bool) -> None:
        self.dirty = self.dirty or transactional
        cache.clear()

    def exit(self) -> None:
        if self.connection.vendor == "sqlite":
            self._saved.backup(self._raw())
            self._saved.close()
            self._saved = None
        else:
            self._switch(self._base_name)
            _pg_drop(self.connection, self._names()[1])
        self.active = self.dirty = False
        cache.clear()

    def drop(self) -> None:
        if self.connection.vendor == "sqlite":
            if self._template is not None:
                self._template.close()
        elif self._template is not None:
            for name in self._names():
                _pg_drop(self.connection, name)
        self._template = None
