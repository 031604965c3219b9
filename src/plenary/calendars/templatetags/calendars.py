"""``{{ forum|calendar_url }}``: the address of the iCalendar feed of a forum, an edition, a
meeting or a person."""

from django import template
from django.urls import reverse

from plenary.forums.models import Edition, Forum
from plenary.meetings.models import Meeting
from plenary.people.models import Person

register = template.Library()


@register.filter
def calendar_url(obj) -> str:
    if isinstance(obj, Forum):
        return reverse("calendars:forum", kwargs={"forum": obj.slug})
    if isinstance(obj, Edition):
        return reverse("calendars:edition", kwargs={"forum": obj.forum.slug, "number": obj.number})
    if isinstance(obj, Meeting):
        edition = obj.edition
        return reverse(
            "calendars:meeting",
            kwargs={"forum": edition.forum.slug, "number": edition.number, "pk": obj.pk},
        )
    if isinstance(obj, Person):
        return reverse("calendars:person", kwargs={"slug": obj.slug})
    raise TypeError(f"No calendar is published for {type(obj).__name__}.")
