"""The role matrix: every action in RULES, every role, allowed and denied, with and without scope."""

import pytest

from alke.core.permissions import (
    ANY,
    OWN_MINISTRY,
    OWN_ORGANISATION,
    OWN_REGION,
    PUBLIC,
    RULES,
    SIGNED_IN,
    Role,
    can,
    require,
)
from alke.regions.models import Ministry, Organisation, Region

ROLE_USER = {
    Role.COORDINATOR: "coordinator",
    Role.MINISTRY: "ministry",
    Role.REGION: "region",
    Role.AUNE: "aune",
    Role.CONTACT: "contact",
}


class Subject:
    def __init__(self, region=None, ministry=None, organisation=None):
        self.region_id = region.pk if region else None
        self.ministry_id = ministry.pk if ministry else None
        self.organisation_id = organisation.pk if organisation else None


@pytest.fixture
def subjects(users):
    own = Subject(
        region=Region.objects.get(code="MK02"),
        ministry=Ministry.objects.get(abbreviation="OKM"),
        organisation=Organisation.objects.get(slug="business-tampere"),
    )
    other = Subject(
        region=Region.objects.get(code="MK19"),
        ministry=Ministry.objects.get(abbreviation="STM"),
        organisation=Organisation.objects.get(slug="aune"),
    )
    return own, other


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(RULES))
def test_role_matrix(action, users, subjects, django_user_model):
    own, other = subjects
    rule = RULES[action]
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert can(anonymous, action, own) is (PUBLIC in rule)
    assert can(users["nobody"], action, own) is (PUBLIC in rule or SIGNED_IN in rule)
    for role, key in ROLE_USER.items():
        user = users[key]
        scope = rule.get(role)
        if PUBLIC in rule or SIGNED_IN in rule:
            expected_own = expected_other = True
        elif scope is None:
            expected_own = expected_other = False
        else:
            expected_own = True
            expected_other = scope == ANY
        assert can(user, action, own) is expected_own, (action, role, "own")
        assert can(user, action, other) is expected_other, (action, role, "other")
        # With no subject the question is "may the user do this to something".
        assert can(user, action) is (expected_own or expected_other)


@pytest.mark.django_db
def test_scopes_follow_the_membership(users, subjects):
    own, other = subjects
    assert can(users["region"], "proposal.create", own)
    assert not can(users["other_region"], "proposal.create", own)
    assert can(users["ministry"], "issue.raise", own)
    assert not can(users["other_ministry"], "issue.raise", own)
    assert can(users["contact"], "partnership.edit_own", own)
    assert not can(users["contact"], "partnership.edit_own", other)


@pytest.mark.django_db
def test_inactive_membership_grants_nothing(users, subjects):
    own, _ = subjects
    users["region"].memberships.update(is_active=False)
    users["region"].__dict__.pop("_alke_memberships", None)
    assert not can(users["region"], "proposal.create", own)


@pytest.mark.django_db
def test_superuser_may_do_everything(users, subjects, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x" * 14)
    assert all(can(admin, action, subjects[1]) for action in RULES)


def test_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError, match="unknown permission action"):
        can(None, "no.such.action")


@pytest.mark.django_db
def test_require_raises_permission_denied(users, subjects):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(users["aune"], "round.manage", subjects[0])


def test_every_rule_uses_known_roles_and_scopes():
    roles = set(Role.values) | {PUBLIC, SIGNED_IN}
    scopes = {ANY, OWN_REGION, OWN_MINISTRY, OWN_ORGANISATION}
    for action, rule in RULES.items():
        assert set(rule) <= roles, action
        assert set(rule.values()) <= scopes, action


@pytest.mark.django_db
def test_subject_methods_name_every_kind(users):
    """Subjects that concern several regions or ministries answer through permission_*() methods."""

    class JointSubject:
        def permission_regions(self):
            return [Region.objects.get(code="MK19").pk, Region.objects.get(code="MK02").pk]

        def permission_ministries(self):
            return [Ministry.objects.get(abbreviation="OKM").pk]

        def permission_organisations(self):
            return [Organisation.objects.get(slug="business-tampere").pk]

    subject = JointSubject()
    assert can(users["region"], "proposal.create", subject)
    assert not can(users["other_region"], "proposal.create", subject)
    assert can(users["ministry"], "issue.raise", subject)
    assert not can(users["other_ministry"], "issue.raise", subject)
    assert can(users["contact"], "partnership.edit_own", subject)
