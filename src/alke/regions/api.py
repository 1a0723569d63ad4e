from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from alke.core.api.params import Code, Pagination
from alke.regions.models import Ministry, Municipality, Region

router = Router(tags=["reference"])


class RegionOut(Schema):
    code: str
    number: str
    name_fi: str
    name_sv: str
    name_en: str
    nuts3_code: str
    council_name_fi: str
    council_name_sv: str
    council_name_en: str
    is_mainland: bool
    is_bilingual: bool


class MunicipalityOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    region: str


class MinistryOut(Schema):
    abbreviation: str
    name_fi: str
    name_sv: str
    name_en: str
    is_coordinator: bool


@router.get("/regions", response=list[RegionOut], summary="Regions (maakunnat)")
@paginate(Pagination)
def list_regions(request, mainland: bool | None = None):
    qs = Region.objects.all()
    return qs.filter(is_mainland=mainland) if mainland is not None else qs


@router.get("/regions/{code}", response=RegionOut, summary="One region")
def get_region(request, code: Code):
    return get_object_or_404(Region, code=code.upper())


@router.get("/municipalities", response=list[MunicipalityOut], summary="Municipalities (kunnat)")
@paginate(Pagination)
def list_municipalities(request, region: Code | None = None):
    qs = Municipality.objects.select_related("region")
    if region:
        qs = qs.filter(region__code=region.upper())
    return [
        {
            "code": m.code,
            "name_fi": m.name_fi,
            "name_sv": m.name_sv,
            "name_en": m.name_en,
            "region": m.region.code,
        }
        for m in qs
    ]


@router.get("/ministries", response=list[MinistryOut], summary="Ministries")
def list_ministries(request):
    return Ministry.objects.all()
