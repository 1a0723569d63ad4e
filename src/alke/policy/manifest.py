"""What the policy app offers the rest: its reference lists are public."""

from alke.core.manifest import Manifest
from alke.core.permissions import readable_by_everyone

manifest = Manifest(
    "policy",
    read_rules={
        "policy.StatutoryObjective": readable_by_everyone,
        "policy.DevelopmentDecision": readable_by_everyone,
        "policy.DecisionPriority": readable_by_everyone,
        "policy.Theme": readable_by_everyone,
        "policy.SubTheme": readable_by_everyone,
    },
)
