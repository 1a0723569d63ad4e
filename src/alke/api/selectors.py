"""Reads of API tokens."""

from django.db.models import QuerySet

from alke.api.models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
