"""The People screen: newsroom accounts, their role and their desks, for administrators.

It replaces Django's own user screen on the newsroom site. A role is chosen from a list
(reporter, editor, chief editor, administrator) instead of ticking groups, and an editor's
desks are edited on the same page. Only a superuser may make or change a superuser or hand out
single permissions, so an administrator cannot raise themselves above the roles.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin  # registers User: see below
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.editorial.models import Desk
from dateline.news.models import Section
from dateline.newsroom import roles

User = get_user_model()

ROLE_CHOICES = [
    ("", gettext_lazy("No newsroom role")),
    *((role.value, roles.ROLE_LABELS[role]) for role in roles.Role),
]
ROLE_HELP = gettext_lazy(
    "Reporter: writes drafts and submits them for review. Editor: edits and publishes in the "
    "editions and sections of their desks (below). Chief editor: everything editorial, "
    "everywhere, including unpublishing, corrections and the audit log. Administrator: people "
    "and settings."
)


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=ROLE_CHOICES, required=False, help_text=ROLE_HELP
    )


class PersonCreationForm(RoleFormMixin, AdminUserCreationForm):
    pass


class PersonChangeForm(RoleFormMixin, UserChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = roles.role_of(self.instance)
            self.fields["role"].initial = current.value if current else ""


class SectionChoice(forms.ModelChoiceField):
    """Sections named with their edition: every edition has a "Politics"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.edition.name}: {obj.name}"


class DeskForm(forms.ModelForm):
    class Meta:
        model = Desk
        fields = ["edition", "section"]
        field_classes = {"section": SectionChoice}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        if isinstance(section, forms.ModelChoiceField):
            section.queryset = Section.objects.select_related("edition").order_by(
                "edition__position", "edition__name", "position", "name"
            )

    def clean(self):
        data = super().clean() or {}
        edition, section = data.get("edition"), data.get("section")
        if edition and section and section.edition_id != edition.pk:
            self.add_error(
                "section",
                _(
                    "“%(section)s” belongs to the %(section_edition)s edition; pick a section "
                    "of the %(edition)s edition, or none for the whole edition."
                )
                % {
                    "section": section.name,
                    "section_edition": section.edition.name,
                    "edition": edition.name,
                },
            )
        return data


class DeskInline(admin.TabularInline):
    model = Desk
    form = DeskForm
    extra = 1
    verbose_name = gettext_lazy("desk")
    verbose_name_plural = gettext_lazy(
        "desks (where an editor edits and publishes; no section means the whole edition)"
    )


class PeopleAdmin(DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    inlines = [DeskInline]
    list_display = ["username", "full_name", "email", "role_label", "desk_list", "is_active"]
    list_filter = ["is_active", "groups", "is_staff", "is_superuser"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("Name and e-mail"), {"fields": ("first_name", "last_name", "email")}),
        (gettext_lazy("Newsroom role"), {"fields": ("role", "is_active")}),
        (
            gettext_lazy("Special rights (superusers only)"),
            {
                "classes": ("collapse",),
                "fields": ("is_staff", "is_superuser", "groups", "user_permissions"),
            },
        ),
        (gettext_lazy("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups", "desks__edition", "desks__section")
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # An administrator who could change a superuser could set its password and become one.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "role" in form.changed_data or not change:
            role = form.cleaned_data.get("role")
            if role:
                roles.assign_role(obj, role)
            elif change:
                obj.groups.remove(*obj.groups.filter(name__in=roles.GROUP_PERMISSIONS))

    @admin.display(description=gettext_lazy("name"))
    def full_name(self, obj) -> str:
        return obj.get_full_name()

    @admin.display(description=gettext_lazy("role"))
    def role_label(self, obj) -> str:
        role = roles.role_of(obj)
        if role is not None:
            return role.label
        return _("Superuser") if obj.is_superuser else _("no role")

    @admin.display(description=gettext_lazy("desks"))
    def desk_list(self, obj) -> str:
        return ", ".join(
            f"{desk.edition.name}: {desk.section.name}" if desk.section else desk.edition.name
            for desk in obj.desks.all()
        )


# Importing Django's user admin above registered it; the newsroom shows this one instead.
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PeopleAdmin)
