"""Claims of the test provider: names, e-mail and directory groups, plus two users it misbehaves for.

- `vanhentunut` gets ID tokens that expired an hour before they were issued;
- `vaarennettu` gets ID tokens whose claims were changed after signing (a forged coordinator group),
  as if someone had altered the token on its way.
"""

import base64
import json
import time

from oauth2_provider.oauth2_validators import OAuth2Validator

EXPIRED_USER = "vanhentunut"
TAMPERED_USER = "vaarennettu"
FORGED_GROUP = "ALKE-TEM-KOORD"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TestProviderValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        return {
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": user.get_full_name(),
            "email": user.email,
            "preferred_username": user.username,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if request.user.username == EXPIRED_USER:
            claims["exp"] = int(time.time()) - 3600
        return claims, expiration_time

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if request.user.username != TAMPERED_USER:
            return signed
        header, payload, signature = signed.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["groups"] = [*claims.get("groups", []), FORGED_GROUP]
        return ".".join([header, _b64(json.dumps(claims).encode()), signature])
