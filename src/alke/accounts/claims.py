"""From a provider's claims to alke memberships: the configurable role rules.

A provider's `ALKE_OIDC_<K>_ROLE_RULES` holds rules separated by `;` or new lines, each

    <claim>=<value> -> <organisation slug>:<role>

for example `groups=ALKE-OKM -> okm:ministry` or `roles=alke.region.mk02 -> liitto-mk02:region`.
The claim may be a dotted path into nested claims (`realm_access.roles`); when the claim is a list
(groups, app roles) any item may match. One `*` in the value matches any text, and a `*` in the
organisation slug is replaced by what it matched, so an organisation-id claim maps in one rule:
`alke_org=* -> *:ministry`. Roles are `alke.core.permissions.Role` values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from alke.core.permissions import Role

_RULE = re.compile(
    r"^\s*(?P<claim>[^=\s]+)\s*=\s*(?P<value>.+?)\s*->\s*(?P<org>[^:\s]+)\s*:\s*(?P<role>\S+)\s*$"
)


class RuleError(ValueError):
    """A role rule cannot be read; the message quotes the rule."""


@dataclass(frozen=True)
class RoleRule:
    claim: str
    value: str
    organisation: str
    role: str

    def __str__(self) -> str:
        return f"{self.claim}={self.value} -> {self.organisation}:{self.role}"

    def _match(self, candidate: str) -> str | None:
        """What `*` matched (empty when the value has no `*`), or None when the candidate does not match."""
        if "*" not in self.value:
            return "" if candidate == self.value else None
        head, _, tail = self.value.partition("*")
        if (
            len(candidate) >= len(head) + len(tail)
            and candidate.startswith(head)
            and candidate.endswith(tail)
        ):
            return candidate[len(head) : len(candidate) - len(tail)]
        return None

    def grants(self, claims: Mapping[str, Any]) -> set[tuple[str, str]]:
        """The (organisation slug, role) pairs this rule grants for these claims."""
        granted = set()
        for candidate in claim_values(claims, self.claim):
            matched = self._match(candidate)
            if matched is None:
                continue
            organisation = (
                self.organisation.replace("*", matched) if "*" in self.organisation else self.organisation
            )
            if organisation:
                granted.add((organisation.lower(), self.role))
        return granted


def claim_values(claims: Mapping[str, Any], path: str) -> list[str]:
    """The claim at a dotted path as a list of strings (a single value becomes a one-item list)."""
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return []
        value = value[part]
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value if isinstance(v, str | int)]
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [str(value)]
    return []


def parse_rules(text: str) -> list[RoleRule]:
    """Parse the rules of one provider; raises RuleError quoting the first rule that cannot be read."""
    rules = []
    for raw in re.split(r"[;\n]", text or ""):
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        match = _RULE.match(raw)
        if not match:
            raise RuleError(
                f"cannot read role rule {raw.strip()!r}: expected 'claim=value -> organisation:role'"
            )
        role = match["role"]
        if role not in Role.values:
            raise RuleError(
                f"role rule {raw.strip()!r}: unknown role {role!r}; roles are {', '.join(Role.values)}"
            )
        if match["value"].count("*") > 1:
            raise RuleError(f"role rule {raw.strip()!r}: use at most one '*' in the value")
        if "*" in match["org"] and "*" not in match["value"]:
            raise RuleError(f"role rule {raw.strip()!r}: '*' in the organisation needs a '*' in the value")
        rules.append(RoleRule(match["claim"], match["value"], match["org"], role))
    return rules


def granted_memberships(rules: Iterable[RoleRule], claims: Mapping[str, Any]) -> set[tuple[str, str]]:
    """Every (organisation slug, role) pair that the claims grant under the rules."""
    granted: set[tuple[str, str]] = set()
    for rule in rules:
        granted |= rule.grants(claims)
    return granted
