"""What every app's API router shares: bounded parameter types, authentication and the error answers.

The routers live in their apps (`alke/<app>/api.py`); the api app on top gathers them at /api/v1/.
`TOKENS` is defined here, without Django Ninja, so the api app's manifest can give the key check at
start-up without loading the API.
"""

from alke.core.manifest import Hook

TOKENS = Hook(
    "core.api_tokens",
    "token_for_key(key) -> the active token (with .user) of an API key, or ApiTokenError naming why not",
)
