"""What the api app offers the rest: the right to API keys, who reads a key's record, and the key check."""

from alke.core.api import TOKENS
from alke.core.manifest import Manifest
from alke.core.permissions import ANY, SIGNED_IN, Action, readable_by_its_user_or


def token_for_key(key: str):
    """The token store's answer (alke.api.services); imported when a key is presented, as the API is."""
    from alke.api.services import token_for_key

    return token_for_key(key)


manifest = Manifest(
    "api",
    actions=[Action("api.token", {SIGNED_IN: ANY})],
    # their owner and the coordinator
    read_rules={"api.ApiToken": readable_by_its_user_or("membership.approve")},
    contributes={TOKENS: [token_for_key]},
)
