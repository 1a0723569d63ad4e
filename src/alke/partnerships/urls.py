from django.urls import path

from alke.partnerships import views

app_name = "partnerships"

# Finnish path segment of each kind of record.
SEGMENTS = {"agreement": "sopimukset", "network": "verkostot", "zone": "vyohykkeet"}

urlpatterns = [
    path("", views.index, name="index"),
    path("kartta.json", views.map_spec, name="map_spec"),
]
for kind, segment in SEGMENTS.items():
    extra = {"kind": kind}
    urlpatterns += [
        path(f"{segment}/", views.record_list, extra, name=f"{kind}_list"),
        path(f"{segment}/vienti.<str:fmt>", views.export, extra, name=f"{kind}_export"),
        path(f"{segment}/<int:pk>/", views.record_detail, extra, name=f"{kind}_detail"),
        path(f"{segment}/<int:pk>/sisalto/", views.edit_content, extra, name=f"{kind}_edit"),
        path(f"{segment}/<int:pk>/kehys/", views.edit_frame, extra, name=f"{kind}_frame"),
        path(f"{segment}/<int:pk>/rahoitus/", views.add_funding, extra, name=f"{kind}_funding"),
        path(f"{segment}/<int:pk>/yhteyshenkilot/", views.add_contact, extra, name=f"{kind}_contact"),
        path(f"{segment}/<int:pk>/asiakirjat/", views.add_document, extra, name=f"{kind}_document"),
        path(
            f"{segment}/<int:pk>/poista/<str:detail>/<int:detail_pk>/",
            views.remove_detail,
            extra,
            name=f"{kind}_remove",
        ),
    ]
