from django.db.models import Count, QuerySet

from alke.regions.models import Region


def mainland_regions() -> QuerySet[Region]:
    return Region.objects.mainland().annotate(municipality_count=Count("municipalities")).order_by("code")


def region_by_code(code: str) -> Region:
    return Region.objects.get(code=code.upper())
