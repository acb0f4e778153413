"""An upgrade that gives a role a new right reaches existing accounts after ``migrate``."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from dateline.newsroom import roles
from tests.factories import chief_editor

pytestmark = pytest.mark.django_db(transaction=True)


def test_migrate_restores_a_right_missing_from_an_existing_group():
    chief = chief_editor()
    group = roles.chief_editors_group()
    unpublish = Permission.objects.get(codename="unpublish_article")
    group.permissions.remove(unpublish)  # as an older release left the group
    assert not type(chief).objects.get(pk=chief.pk).has_perm("news.unpublish_article")

    call_command("migrate", verbosity=0)

    assert type(chief).objects.get(pk=chief.pk).has_perm("news.unpublish_article")


def test_editors_may_add_corrections_but_not_reword_them():
    from tests.factories import desk_editor, edition

    editor = desk_editor(desks=[(edition(), None)])
    assert editor.has_perm("news.add_correction")
    assert not editor.has_perm("news.change_correction")
