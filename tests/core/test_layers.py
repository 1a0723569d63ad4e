"""The apps depend one way: what import-linter (`make lint`) cannot see is checked here.

The layers are the import-linter contract in pyproject.toml. A lower app must not reach a higher one by an
import (also inside a function), a dotted module path or model label in a string ("alke.agenda.selectors.x",
apps.get_model("agenda", ...), "agenda.Proposal"), a URL name (reverse("agenda:..."), {% url 'agenda:...' %})
or a template it includes or extends. A `{% url '...' as name %}` link is allowed: it disappears when the
app above is absent instead of breaking the page.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "alke"


def _layers() -> dict[str, int]:
    """app -> rank, 0 the lowest."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    ranks = {}
    for rank, layer in enumerate(reversed(contract["layers"])):
        for app in layer.split("|"):
            ranks[app.strip()] = rank
    return ranks


RANKS = _layers()
APPS = sorted(RANKS)
MODULE_PATH = re.compile(r"\balke\.([a-z_]+)\b")
MODEL_LABEL = re.compile(r"^([a-z_]+)\.[A-Z][A-Za-z]+$")
URL_NAME = re.compile(r"^([a-z_]+):[a-z_]+$")
TEMPLATE_URL = re.compile(r"""\{%\s*url\s+['"]([a-z_]+):[a-z_-]+['"](?P<rest>[^%]*)%\}""")
TEMPLATE_USE = re.compile(r"""\{%\s*(?:include|extends)\s+['"]([a-z_]+)/""")


def _app_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0]


def _sources() -> list[Path]:
    return [
        p
        for p in SRC.rglob("*.py")
        if len(p.relative_to(SRC).parts) > 1 and "migrations" not in p.parts and _app_of(p) in RANKS
    ]


def _higher(app: str, target: str) -> bool:
    return target in RANKS and target != app and RANKS[target] > RANKS[app]


def _python_references(path: Path) -> list[tuple[int, str]]:
    """(line, what) for every reference the module's code makes to another app (docstrings are prose)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("alke."):
            found.append((node.lineno, node.module.split(".")[1]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1]) for a in node.names if a.name.startswith("alke.")]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            found += [(node.lineno, m.group(1)) for m in MODULE_PATH.finditer(text)]
            for pattern in (MODEL_LABEL, URL_NAME):
                match = pattern.match(text)
                if match:
                    found.append((node.lineno, match.group(1)))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value).split(".")[0]))
    return found


def test_the_layers_name_every_app():
    installed = {app.rsplit(".", 1)[-1] for app in settings.DOMAIN_APPS}
    assert installed == set(RANKS), "place every app in the layers of pyproject.toml"


@pytest.mark.parametrize("app", APPS)
def test_python_reaches_no_higher_app(app):
    back = [
        f"{path.relative_to(SRC)}:{line} -> {target}"
        for path in _sources()
        if _app_of(path) == app
        for line, target in _python_references(path)
        if _higher(app, target)
    ]
    assert not back, "\n".join(back)


@pytest.mark.parametrize("app", APPS)
def test_templates_reach_no_higher_app(app):
    back = []
    for path in (SRC / app).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_URL.finditer(text):
            if _higher(app, match.group(1)) and " as " not in match.group("rest"):
                back.append(f"{path.relative_to(SRC)}: {match.group(0)}")
        for match in TEMPLATE_USE.finditer(text):
            if _higher(app, match.group(1)):
                back.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert not back, "\n".join(back)


def test_the_check_sees_back_edges(tmp_path):
    """The scan finds each kind of reference, so a passing test means there are none."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n"
        "    \"\"\"A docstring may name alke.api.urls.\"\"\"\n"
        "    from alke.agenda.models import Proposal\n"
        "    apps.get_model('schedule', 'Session')\n"
        "    import_string('alke.followup.selectors.x')\n"
        "    reverse('funding:round')\n"
        "    return 'agreements.Conclusion'\n",
        encoding="utf-8",
    )
    assert {target for _line, target in _python_references(sample)} == {
        "agenda",
        "schedule",
        "followup",
        "funding",
        "agreements",
    }
