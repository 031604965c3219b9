"""People with their name forms and tenures, the posts they hold, the organizations they serve."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.common.admin import CitationInline, TranslationInline
from plenary.common.backoffice import PlenaryAdmin, PlenaryTabularInline, RelatedOnlyListFilter
from plenary.people.admin_forms import PersonNameForm, PostForm, TenureForm
from plenary.people.models import Organization, Person, PersonName, Post, Tenure


class PersonNameInline(PlenaryTabularInline):
    model = PersonName
    form = PersonNameForm
    fields = ["name", "language", "kind"]
    verbose_name = _("other name form")
    verbose_name_plural = _("other name forms (scripts, transliterations, spellings)")


class TenureOfPersonInline(PlenaryTabularInline):
    model = Tenure
    form = TenureForm
    fields = ["post", "start", "start_precision", "end", "end_precision"]
    autocomplete_fields = ["post"]
    select_related = ["post__state", "post__organization"]
    verbose_name_plural = _("posts held")


class TenureInPostInline(PlenaryTabularInline):
    model = Tenure
    form = TenureForm
    fields = ["person", "start", "start_precision", "end", "end_precision"]
    autocomplete_fields = ["person"]
    select_related = ["person"]
    verbose_name_plural = _("holders")


@admin.register(Person)
class PersonAdmin(PlenaryAdmin):
    list_display = ["name", "sort_name", "other_names", "slug"]
    list_filter = [("tenures__post__state", RelatedOnlyListFilter), "tenures__post__rank"]
    search_fields = ["name", "sort_name", "slug", "names__name"]
    ordering = ["sort_name", "name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "sort_name", "slug", "note"]
    inlines = [PersonNameInline, TenureOfPersonInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("names")

    @admin.display(description=_("other name forms"))
    def other_names(self, obj):
        return ", ".join(name.name for name in obj.names.all())


@admin.register(PersonName)
class PersonNameAdmin(PlenaryAdmin):
    form = PersonNameForm
    list_display = ["name", "person", "language", "kind"]
    list_filter = ["language", "kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    ordering = ["person__sort_name", "kind", "name"]
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(PlenaryAdmin):
    list_display = ["name", "short_name", "kind", "state", "parent"]
    list_filter = ["kind", ("state", RelatedOnlyListFilter)]
    list_select_related = ["state", "parent"]
    search_fields = ["name", "short_name", "city"]
    ordering = ["name"]
    autocomplete_fields = ["state", "parent"]
    fields = [
        "name",
        "short_name",
        "kind",
        "state",
        "parent",
        "city",
        "url",
        "founded_on",
        "description",
    ]
    inlines = [TranslationInline, CitationInline]


@admin.register(Post)
class PostAdmin(PlenaryAdmin):
    form = PostForm
    list_display = ["title", "state", "organization", "rank"]
    list_filter = ["rank", ("state", RelatedOnlyListFilter)]
    list_select_related = ["state", "organization"]
    search_fields = ["title", "state__name", "organization__name", "organization__short_name"]
    ordering = ["state__name", "title"]
    autocomplete_fields = ["state", "organization"]
    fields = ["title", "state", "organization", "rank"]
    inlines = [TenureInPostInline, CitationInline]


@admin.register(Tenure)
class TenureAdmin(PlenaryAdmin):
    form = TenureForm
    list_display = ["person", "post", "start", "end"]
    list_filter = ["post__rank", ("post__state", RelatedOnlyListFilter)]
    list_select_related = ["person", "post__state", "post__organization"]
    search_fields = ["person__name", "person__names__name", "post__title"]
    ordering = ["person__sort_name", "-start"]
    autocomplete_fields = ["person", "post"]
    fields = ["person", "post", ("start", "start_precision"), ("end", "end_precision")]
    inlines = [CitationInline]
