"""The back office: every page answers, lists cost a fixed number of queries, bad input is refused
with a readable message and saves nothing, every save is in the audit log."""

import datetime as dt
import re
import zoneinfo
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import UniqueConstraint
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.accounts.models import Invitation, Role
from plenary.common.admin import CitationInline
from plenary.common.domain import translation_record
from plenary.common.models import AuditEntry, Citation, CitedModel
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)
from plenary.files.domain import meeting_file_add
from plenary.files.models import FileVersion
from plenary.forums.models import (
    CoChair,
    Edition,
    Forum,
    ForumName,
    Membership,
    SideTrack,
    StateName,
)
from plenary.meetings.models import (
    AgendaItem,
    Delegation,
    DelegationMember,
    Meeting,
    Proposal,
    Session,
    SessionSpeaker,
    Statement,
)
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision
from plenary.people.enums import NameKind, Rank
from plenary.people.models import PersonName, Tenure
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange
from plenary.registration.models import (
    DelegationRegistration,
    ExpertRegistration,
    RegisteredMember,
    RegistrationCall,
    RegistrationStep,
)
from plenary.workplans.models import Commitment, CommitmentAssessment, ItemReport
from tests import factories

PLENARY_APPS = {
    "accounts",
    "common",
    "people",
    "forums",
    "meetings",
    "documents",
    "workplans",
    "projects",
    "registration",
    "minutes",
    "files",
}
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in PLENARY_APPS),
    key=lambda model: model._meta.label,
)


def admin_url(model_or_obj, view: str, *args) -> str:
    opts = model_or_obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def form_data(form, html: str) -> dict:
    """What a browser would post for ``form`` as the page ``html`` shows it."""
    data = {}
    for bound in form:
        widget = getattr(bound.field.widget, "widget", bound.field.widget)
        if isinstance(widget, forms.MultiWidget):
            # A date and a time, as shown in the page's time zone.
            for i in range(len(widget.widgets)):
                name = f"{bound.html_name}_{i}"
                shown = re.search(rf'name="{name}" value="([^"]*)"', html)
                if shown:
                    data[name] = shown.group(1)
            continue
        value = bound.value()
        if value is None or value is False or value == "":
            continue
        if value is True:
            value = "on"
        if isinstance(value, list | tuple):
            value = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        else:
            value = str(value)
        data[bound.html_name] = value
    return data


def page_data(response) -> dict:
    """The data a change or add page would post back unchanged (without its empty extra rows)."""
    html = response.content.decode()
    data = form_data(response.context["adminform"].form, html)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = form_data(formset.management_form, html)
        management[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
        data.update(management)
        for form in formset.initial_forms:
            data.update(form_data(form, html))
    return data


def inline_formset(response, model):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset
    raise AssertionError(f"no inline of {model.__name__}")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


STATE_CODES = ["KZ", "KG", "TJ", "TM", "UZ"]


def build_record(i: int = 0) -> dict:
    """One row of every model, linked as the secretariat would enter an edition; ``i`` makes
    another such record beside the first."""
    suffix = f" {i}" if i else ""
    kz, kr = factories.state(STATE_CODES[i]), factories.state("KR")
    forum = factories.ForumFactory(
        name=f"Korea–Central Asia Cooperation Forum{suffix}", short_name=f"KCA{suffix}"
    )
    factories.MembershipFactory(forum=forum, state=kz)
    ForumName.objects.create(forum=forum, name=f"Central Asia–Republic of Korea Forum{suffix}")
    side_track = SideTrack.objects.create(forum=forum, name="Business Council", kind="business")
    StateName.objects.create(state=kz, language="ru", name=f"Казахстан{suffix}")
    field = factories.FieldFactory(name=f"Forestry{suffix}")
    edition = factories.EditionFactory(forum=forum, number=14, city="Dushanbe")
    person = factories.PersonFactory(name=f"Rhee Jong Kook{suffix}")
    PersonName.objects.create(person=person, name="이종국", language="ko", kind=NameKind.NATIVE)
    organization = factories.OrganizationFactory(name=f"KOICA{suffix}", state=kr)
    post = factories.PostFactory(title="Minister of Foreign Affairs", state=kz)
    Tenure.objects.create(person=person, post=post, start=dt.date(2021, 1, 1))
    CoChair.objects.create(edition=edition, state=kz, post=post)
    factories.DecisionFactory(edition=edition, city="Seoul", year=2022, realized_by=edition)
    factories.MilestoneFactory(forum=forum, edition=edition)
    meeting = factories.MeetingFactory(edition=edition, timezone="Asia/Dushanbe", state=kz)
    delegation = factories.DelegationFactory(
        meeting=meeting, state=kz, head_person=person, head_post=post
    )
    DelegationMember.objects.create(delegation=delegation, post=post, function="adviser")
    factories.ExpertParticipationFactory(
        edition=edition, meeting=meeting, state=kz, field=field, person=person, count=1
    )
    statement = factories.StatementFactory(
        meeting=meeting, delegation=delegation, speaker_post=post
    )
    statement.fields.set([field])
    proposal = factories.ProposalFactory(statement=statement, field=field)
    proposal.partners.set([organization])
    document = factories.OutcomeDocumentFactory(forum=forum, edition=edition)
    agenda_item = AgendaItem.objects.create(meeting=meeting, number="1", title="Statements")
    agenda_item.documents.set([document])
    statement.agenda_item = agenda_item
    statement.save()
    session = Session.objects.create(
        meeting=meeting,
        title="Morning sitting",
        starts_at=dt.datetime(2021, 11, 30, 4, tzinfo=dt.UTC),
        ends_at=dt.datetime(2021, 11, 30, 7, tzinfo=dt.UTC),
    )
    session.chairs.set([person])
    session.agenda_items.set([agenda_item])
    SessionSpeaker.objects.create(session=session, state=kz, post=post)
    version = factories.DocumentVersionFactory(document=document, number=1)
    text = LanguageVersion.objects.create(version=version, language="en", title="Joint Statement")
    paragraph = Paragraph.objects.create(language_version=text, number=1, text="The parties ...")
    Position.objects.create(version=version, state=kz, kind="agreed")
    Comment.objects.create(paragraph=paragraph, state=kz, text="Agreed.")
    SilenceProcedure.objects.create(
        version=version, deadline=dt.datetime(2021, 11, 20, tzinfo=dt.UTC)
    )
    plan = factories.WorkPlanFactory(forum=forum, year=2022, adopted_at=edition)
    item = factories.WorkPlanItemFactory(plan=plan, responsible_state=kz)
    ItemReport.objects.create(item=item, year=2022, status="under_way")
    commitment = Commitment.objects.create(document=document, text="The parties will meet.")
    commitment.responsible_states.set([kz])
    CommitmentAssessment.objects.create(
        commitment=commitment, state=kz, assessed_on=dt.date(2022, 12, 1), compliance="full"
    )
    project = factories.ProjectFactory(
        forum=forum, field=field, budget_amount=Decimal("1000"), budget_currency="USD"
    )
    project.partners.set([organization])
    project.proposing_states.set([kz])
    ProjectStatusChange.objects.create(project=project, status="proposed", on=dt.date(2021, 11, 30))
    ProjectReport.objects.create(project=project, reported_on=dt.date(2022, 6, 1), text="Begun.")
    factories.CitationFactory(subject=edition, field="city")
    translation_record(edition, field="city", language="ru", text="Душанбе")
    focal_point, _ = get_user_model().objects.get_or_create(username="focal-point-kz")
    Role.objects.create(user=focal_point, forum=forum, kind="focal_point", state=kz)
    Invitation.objects.create(email="expert@example.org", forum=forum, kind="expert")
    AdoptionConsent.objects.create(document=document, version=version, state=kz)
    DelegationNote.objects.create(document=document, state=kz, text="Ask the capital.")
    RegistrationCall.objects.create(
        meeting=meeting,
        opens_at=dt.datetime(2021, 11, 1, tzinfo=dt.UTC),
        deadline=dt.datetime(2021, 11, 20, tzinfo=dt.UTC),
    )
    registration = DelegationRegistration.objects.create(
        meeting=meeting, state=kz, head_name_latin="Sirojiddin Muhriddin", head_rank="minister"
    )
    RegisteredMember.objects.create(registration=registration, name="An adviser", position=1)
    RegistrationStep.objects.create(
        registration=registration, kind="created", at=dt.datetime(2021, 11, 2, tzinfo=dt.UTC)
    )
    ExpertRegistration.objects.create(
        meeting=meeting,
        user=focal_point,
        name="An expert",
        field=field,
        registered_at=dt.datetime(2021, 11, 3, tzinfo=dt.UTC),
    )
    minutes = Minutes.objects.create(meeting=meeting, title="Minutes of the meeting")
    revision = MinutesRevision.objects.create(minutes=minutes, number=1, text="It opened.")
    MinutesComment.objects.create(minutes=minutes, revision=revision, state=kz, text="Agreed.")
    agenda = SimpleUploadedFile("agenda.pdf", b"%PDF-1.7\n%%EOF\n")
    meeting_file_add(meeting=meeting, title="Provisional agenda", upload=agenda, by=None)
    AuditEntry.objects.create(
        action="forums.edition.created",
        content_type=ContentType.objects.get_for_model(Edition),
        object_id=edition.pk,
    )
    return {"forum": forum, "edition": edition, "meeting": meeting, "side_track": side_track}


@pytest.fixture
def record(db):
    return build_record()


# Every page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_answers_for_superuser(staff_client, record, model):
    response = staff_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count() >= 1


# Written only by domain functions; the back office reads them.
READ_ONLY = [
    AuditEntry,
    ProjectStatusChange,
    FileVersion,
    MinutesRevision,
    MinutesComment,
    RegistrationStep,
]


@pytest.mark.parametrize(
    "model",
    [model for model in REGISTERED if model not in READ_ONLY],
    ids=lambda model: model._meta.label,
)
def test_add_page_answers_for_superuser(staff_client, record, model):
    response = staff_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model._meta.label)
def test_read_only_models_cannot_be_added_or_changed(staff_client, record, model):
    obj = model._default_manager.order_by("pk").first()

    assert staff_client.get(admin_url(model, "add")).status_code == 403
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert staff_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=obj.pk).exists()


def test_project_status_is_decided_on_its_page_not_in_the_back_office(staff_client, record):
    """The project's status is read-only in the back office; a new project starts its history."""
    project = Project.objects.get()
    change = staff_client.get(admin_url(Project, "change", project.pk))
    assert 'name="status"' not in change.content.decode()
    response = staff_client.post(
        admin_url(Project, "add"),
        {
            "forum": project.forum_id,
            "title": "A new project",
            "status": "completed",
            "status_history-TOTAL_FORMS": "0",
            "status_history-INITIAL_FORMS": "0",
            "reports-TOTAL_FORMS": "0",
            "reports-INITIAL_FORMS": "0",
            "common-citation-content_type-object_id-TOTAL_FORMS": "0",
            "common-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Project.objects.get(title="A new project")
    assert created.status == "proposed"
    assert list(created.status_history.values_list("status", "decided_by__username")) == [
        ("proposed", "staff")
    ]


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_answers_for_superuser(staff_client, record, model):
    obj = model._default_manager.order_by("pk").first()

    response = staff_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200


def test_every_plenary_model_is_registered():
    from django.apps import apps

    plenary_models = {model for model in apps.get_models() if model._meta.app_label in PLENARY_APPS}
    assert plenary_models == set(REGISTERED)


def test_every_input_of_an_inline_row_is_named_by_its_label(staff_client, record):
    """A table's labels are in its column headings only, so every input of an inline row (a
    plenary inline's, a citation's) is named by its label; the record's own form, whose labels
    stand beside its inputs, is left as it is."""
    edition = Edition.objects.order_by("pk").first()
    response = staff_client.get(admin_url(Edition, "change", edition.pk))

    def names(form) -> dict[str, str | None]:
        widgets = {name: getattr(f.widget, "widget", f.widget) for name, f in form.fields.items()}
        return {name: w.attrs.get("aria-label") for name, w in widgets.items() if not w.is_hidden}

    co_chair = names(inline_formset(response, CoChair).empty_form)
    citation = names(inline_formset(response, Citation).empty_form)
    assert {name: co_chair[name] for name in ("state", "person", "post")} == {
        "state": "State",
        "person": "Person",
        "post": "Post",
    }
    assert {name: citation[name] for name in ("source", "field", "claim")} == {
        "source": "Source",
        "field": "Field",
        "claim": "Claim",
    }
    assert set(names(response.context["adminform"].form).values()) == {None}


def test_every_cited_model_has_a_citation_inline():
    cited = [model for model in REGISTERED if issubclass(model, CitedModel)]
    without = [
        model._meta.label
        for model in cited
        if CitationInline not in admin.site.get_model_admin(model).inlines
    ]
    assert len(cited) == 22
    assert without == []


def test_site_is_titled_plenary_back_office(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.context["site_header"] == "Plenary back office"
    assert response.context["site_title"] == "Plenary back office"
    assert response.context["title"] == "Plenary back office"


def test_admin_page_redirects_anonymous_user_to_login(client, db):
    url = admin_url(Edition, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


# Queries per list --------------------------------------------------------------------------------


def _editions(n: int) -> None:
    codes = ["KZ", "KG", "TJ", "TM", "UZ"]
    for i in range(n):
        factories.EditionFactory(
            host_state=factories.state(codes[i]), chair_state=factories.state(codes[i])
        )


def _meetings(n: int) -> None:
    codes = ["KZ", "KG", "TJ", "TM", "UZ"]
    for i in range(n):
        factories.MeetingFactory(
            state=factories.state(codes[i]), starts_at=dt.datetime(2021, 11, 30, 5, tzinfo=dt.UTC)
        )


def _delegations(n: int) -> None:
    codes = ["KZ", "KG", "TJ", "TM", "UZ"]
    for i in range(n):
        state = factories.state(codes[i])
        factories.DelegationFactory(state=state, head_post=factories.PostFactory(state=state))


def _statements(n: int) -> None:
    codes = ["KZ", "KG", "TJ", "TM", "UZ"]
    for i in range(n):
        state = factories.state(codes[i])
        factories.StatementFactory(
            delegation__state=state, speaker_post=factories.PostFactory(state=state)
        )


def _people(n: int) -> None:
    for _ in range(n):
        person = factories.PersonFactory()
        PersonName.objects.create(person=person, name=f"{person.name} (romanized)")
        Tenure.objects.create(
            person=person, post=factories.PostFactory(), start=dt.date(2020, 1, 1)
        )


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Edition, _editions),
        (Meeting, _meetings),
        (Delegation, _delegations),
        (Statement, _statements),
        (factories.PersonFactory._meta.model, _people),
    ],
    ids=["edition", "meeting", "delegation", "statement", "person"],
)
def test_changelist_queries_do_not_grow_with_rows(staff_client, model, make):
    url = admin_url(model, "changelist")
    make(1)
    staff_client.get(url)  # sessions, content types and the like are fetched once
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    make(3)
    with CaptureQueriesContext(connection) as four:
        response = staff_client.get(url)

    assert response.context["cl"].result_count == 4
    assert len(four.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_changelist_costs_the_same_queries_for_one_record_or_four(staff_client, model):
    url = admin_url(model, "changelist")
    build_record(0)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    for i in range(1, 4):
        build_record(i)
    with CaptureQueriesContext(connection) as four:
        response = staff_client.get(url)

    assert response.context["cl"].result_count == model._default_manager.count()
    assert len(four.captured_queries) == len(one.captured_queries)


def _edition_rows(edition, i: int) -> None:
    state = factories.state(["KZ", "KG", "TJ", "TM", "UZ"][i])
    person = factories.PersonFactory()
    post = factories.PostFactory(state=state)
    CoChair.objects.create(edition=edition, state=state, person=person, post=post)
    factories.MeetingFactory(edition=edition, field=factories.FieldFactory())
    factories.DecisionFactory(
        edition=edition, state=state, person=person, post=post, realized_by=edition
    )
    factories.ExpertParticipationFactory(
        edition=edition,
        meeting=edition.meetings.first(),
        state=state,
        field=factories.FieldFactory(),
        organization=factories.OrganizationFactory(),
    )
    factories.CitationFactory(subject=edition, source=factories.SourceFactory())


def _meeting_rows(meeting, i: int) -> None:
    state = factories.state(["KZ", "KG", "TJ", "TM", "UZ"][i])
    delegation = factories.DelegationFactory(
        meeting=meeting, state=state, head_post=factories.PostFactory(state=state)
    )
    speakers = (
        {"speaker_person": factories.PersonFactory(), "speaker_post": factories.PostFactory()}
        if i % 2
        else {}  # named after its delegation
    )
    statement = factories.StatementFactory(meeting=meeting, delegation=delegation, **speakers)
    statement.fields.set([factories.FieldFactory(), factories.FieldFactory()])
    factories.CitationFactory(subject=meeting, source=factories.SourceFactory())


def _forum_rows(forum, i: int) -> None:
    state = factories.state(["KZ", "KG", "TJ", "TM", "UZ"][i])
    factories.MembershipFactory(forum=forum, state=state)
    ForumName.objects.create(forum=forum, name=f"Other name {i}")
    SideTrack.objects.create(forum=forum, name=f"Track {i}", kind="other")
    factories.MilestoneFactory(forum=forum, edition=factories.EditionFactory(forum=forum))
    factories.CitationFactory(subject=forum, source=factories.SourceFactory())


def _person_rows(person, i: int) -> None:
    PersonName.objects.create(person=person, name=f"Form {i}")
    Tenure.objects.create(
        person=person, post=factories.PostFactory(), start=dt.date(2000 + i, 1, 1)
    )
    factories.CitationFactory(subject=person, source=factories.SourceFactory())


def _delegation_rows(delegation, i: int) -> None:
    DelegationMember.objects.create(
        delegation=delegation,
        person=factories.PersonFactory(),
        post=factories.PostFactory(),
        position=i,
    )


def _statement_rows(statement, i: int) -> None:
    proposal = factories.ProposalFactory(statement=statement, field=factories.FieldFactory())
    proposal.partners.set([factories.OrganizationFactory(), factories.OrganizationFactory()])


def _post_rows(post, i: int) -> None:
    Tenure.objects.create(
        person=factories.PersonFactory(), post=post, start=dt.date(2000 + i, 1, 1)
    )
    factories.CitationFactory(subject=post, source=factories.SourceFactory())


def _state_rows(state, i: int) -> None:
    StateName.objects.create(state=state, language=["ru", "ko", "tg", "uz"][i], name=f"Name {i}")


def _document_rows(document, i: int) -> None:
    factories.DocumentVersionFactory(document=document, number=i + 1)
    factories.CitationFactory(subject=document, source=factories.SourceFactory())


def _version_rows(version, i: int) -> None:
    state = factories.state(STATE_CODES[i])
    LanguageVersion.objects.create(version=version, language=["en", "ru", "ko", "tg"][i], title="T")
    Position.objects.create(version=version, state=state, kind="agreed")
    SilenceProcedure.objects.create(
        version=version,
        deadline=dt.datetime(2021, 11, 20 + i, tzinfo=dt.UTC),
        outcome="broken",
        broken_by=state,
        broken_at=dt.datetime(2021, 11, 19, tzinfo=dt.UTC),
    )


def _language_version_rows(text, i: int) -> None:
    Paragraph.objects.create(language_version=text, number=i + 1, text=f"Paragraph {i}")


def _paragraph_rows(paragraph, i: int) -> None:
    Comment.objects.create(paragraph=paragraph, state=factories.state(STATE_CODES[i]), text="x")


def _work_plan_rows(plan, i: int) -> None:
    area = factories.WorkPlanAreaFactory(plan=plan, field=factories.FieldFactory())
    factories.WorkPlanItemFactory(
        plan=plan,
        area=area,
        responsible_state=factories.state(STATE_CODES[i]),
        responsible_organization=factories.OrganizationFactory(),
    )
    factories.CitationFactory(subject=plan, source=factories.SourceFactory())


def _item_rows(item, i: int) -> None:
    ItemReport.objects.create(item=item, year=2020 + i, status="done")


def _commitment_rows(commitment, i: int) -> None:
    CommitmentAssessment.objects.create(
        commitment=commitment,
        state=factories.state(STATE_CODES[i]),
        assessed_on=dt.date(2022, 1, 1),
        compliance="partial",
    )


def _project_rows(project, i: int) -> None:
    ProjectStatusChange.objects.create(project=project, status="agreed", on=dt.date(2022, 1, 1 + i))
    ProjectReport.objects.create(project=project, reported_on=dt.date(2022, 2, 1 + i), text="x")
    factories.CitationFactory(subject=project, source=factories.SourceFactory())


def _source_rows(source, i: int) -> None:
    factories.CitationFactory(subject=factories.EditionFactory(), source=source)
    factories.CitationFactory(subject=factories.MeetingFactory(), source=source)


def _language_version():
    version = factories.DocumentVersionFactory()
    return LanguageVersion.objects.create(version=version, language="en", title="Text")


def _paragraph():
    return Paragraph.objects.create(language_version=_language_version(), number=1, text="x")


@pytest.mark.parametrize(
    ("make_parent", "make_rows"),
    [
        (factories.EditionFactory, _edition_rows),
        (factories.MeetingFactory, _meeting_rows),
        (factories.ForumFactory, _forum_rows),
        (factories.PersonFactory, _person_rows),
        (factories.DelegationFactory, _delegation_rows),
        (factories.StatementFactory, _statement_rows),
        (factories.PostFactory, _post_rows),
        (lambda: factories.state("KR"), _state_rows),
        (factories.OutcomeDocumentFactory, _document_rows),
        (factories.DocumentVersionFactory, _version_rows),
        (_language_version, _language_version_rows),
        (_paragraph, _paragraph_rows),
        (factories.WorkPlanFactory, _work_plan_rows),
        (factories.WorkPlanItemFactory, _item_rows),
        (
            lambda: Commitment.objects.create(
                document=factories.OutcomeDocumentFactory(), text="The parties will meet."
            ),
            _commitment_rows,
        ),
        (factories.ProjectFactory, _project_rows),
        (factories.SourceFactory, _source_rows),
    ],
    ids=[
        "edition",
        "meeting",
        "forum",
        "person",
        "delegation",
        "statement",
        "post",
        "state",
        "document",
        "version",
        "language_version",
        "paragraph",
        "work_plan",
        "work_plan_item",
        "commitment",
        "project",
        "source",
    ],
)
def test_change_page_queries_do_not_grow_with_inline_rows(staff_client, make_parent, make_rows):
    parent = make_parent()
    url = admin_url(parent, "change", parent.pk)
    make_rows(parent, 0)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    for i in range(1, 4):
        make_rows(parent, i)
    with CaptureQueriesContext(connection) as four:
        assert staff_client.get(url).status_code == 200

    assert len(four.captured_queries) == len(one.captured_queries)


# Bad input ---------------------------------------------------------------------------------------


def _edition_post(forum, **values) -> dict:
    data = {
        "forum": str(forum.pk),
        "number": "14",
        "status": "held",
        "date_precision": "day",
        "format": "in_person",
        "start_date": "2021-11-30",
    }
    for prefix in [
        "co_chairs",
        "meetings",
        "decisions",
        "expert_participations",
        "common-citation-content_type-object_id",
        "common-translation-content_type-object_id",
    ]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(values)
    return data


def test_edition_with_a_duplicate_number_is_refused_with_a_message(staff_client, record):
    forum = record["forum"]
    before = Edition.objects.count()

    response = staff_client.post(admin_url(Edition, "add"), _edition_post(forum))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "number": ["Korea–Central Asia Cooperation Forum already has a 14th edition."]
    }
    assert Edition.objects.count() == before
    assert (
        not AuditEntry.objects.filter(action="forums.edition.created")
        .exclude(object_id=record["edition"].pk)
        .exists()
    )


def test_edition_ending_before_it_starts_is_refused_on_the_end_date(staff_client, record):
    data = _edition_post(record["forum"], number="15", end_date="2021-11-29")

    response = staff_client.post(admin_url(Edition, "add"), data)

    assert response.context["adminform"].form.errors == {
        "end_date": ["The edition cannot end before it starts."]
    }
    assert not Edition.objects.filter(number=15).exists()


def test_edition_with_a_co_chair_naming_nobody_is_refused_and_nothing_saved(staff_client, record):
    data = _edition_post(
        record["forum"],
        number="15",
        **{"co_chairs-TOTAL_FORMS": "1", "co_chairs-0-state": str(factories.state("UZ").pk)},
    )

    response = staff_client.post(admin_url(Edition, "add"), data)

    assert response.status_code == 200
    assert inline_formset(response, CoChair).errors == [
        {"person": ["Name the co-chair, the office, or both."]}
    ]
    assert not Edition.objects.filter(number=15).exists()


def test_meeting_change_duplicating_a_delegation_state_changes_nothing(staff_client, record):
    meeting = record["meeting"]
    url = admin_url(meeting, "change", meeting.pk)
    data = page_data(staff_client.get(url))
    existing = inline_formset(staff_client.get(url), Delegation)
    prefix = existing.prefix
    data.update(
        {
            "title": "Renamed meeting",
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-state": str(factories.state("KZ").pk),
            f"{prefix}-1-head_rank": Rank.AMBASSADOR,
        }
    )
    counts = (Delegation.objects.count(), AuditEntry.objects.count())

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert inline_formset(response, Delegation).non_form_errors() == [
        "Two delegations have the same state; keep one of them."
    ]
    assert (Delegation.objects.count(), AuditEntry.objects.count()) == counts
    assert Meeting.objects.get(pk=meeting.pk).title == meeting.title


def test_citing_the_same_source_twice_alike_is_refused(staff_client, record):
    edition = record["edition"]
    url = admin_url(edition, "change", edition.pk)
    page = staff_client.get(url)
    data = page_data(page)
    prefix = inline_formset(page, Citation).prefix
    source = Citation.objects.get().source
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-source": str(source.pk),
            f"{prefix}-1-field": "city",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert inline_formset(response, Citation).non_form_errors() == [
        "Two sources cited are the same source with the same field and claim; keep one of them."
    ]
    assert Citation.objects.count() == 1


def test_meeting_time_zone_must_be_an_iana_name(staff_client, record):
    meeting = record["meeting"]
    url = admin_url(meeting, "change", meeting.pk)
    data = page_data(staff_client.get(url))
    data["timezone"] = "Asia/Dushambe"

    response = staff_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "timezone": ["'Asia/Dushambe' is not an IANA time zone such as Asia/Dushanbe."]
    }
    meeting.refresh_from_db()
    assert meeting.timezone == "Asia/Dushanbe"


def test_every_constraint_is_reported_on_a_field_by_its_admin_form():
    """Django shows a constraint of several fields above the form; staff need it by the field."""
    missing = []
    for model in REGISTERED:
        form = admin.site.get_model_admin(model).form
        for constraint in model._meta.constraints:
            single_field = isinstance(constraint, UniqueConstraint) and len(constraint.fields) == 1
            if not single_field and constraint.name not in form.constraint_messages:
                missing.append(constraint.name)
    assert missing == []


def test_admin_forms_name_only_constraints_their_model_has():
    stale = []
    for model in REGISTERED:
        form = admin.site.get_model_admin(model).form
        names = {constraint.name for constraint in model._meta.constraints}
        stale += sorted(set(getattr(form, "constraint_messages", {})) - names)
    assert stale == []


def test_meeting_with_times_but_no_time_zone_is_refused_on_the_time_zone(staff_client, record):
    meeting = record["meeting"]
    url = admin_url(meeting, "change", meeting.pk)
    data = page_data(staff_client.get(url))
    data.update({"timezone": "", "starts_at_0": "2021-11-30", "starts_at_1": "10:00"})

    response = staff_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "timezone": ["Give the time zone of a meeting whose times are known."]
    }


# Meeting times -----------------------------------------------------------------------------------


def test_meeting_page_shows_and_reads_local_times_of_the_meeting(staff_client, record):
    meeting = record["meeting"]
    meeting.starts_at = dt.datetime(2021, 11, 30, 5, 0, tzinfo=dt.UTC)
    meeting.save()
    url = admin_url(meeting, "change", meeting.pk)

    page = staff_client.get(url)
    data = page_data(page)
    data.update({"starts_at_0": "2021-11-30", "starts_at_1": "11:30:00"})
    staff_client.post(url, data)

    assert 'name="starts_at_1" value="10:00:00"' in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2021, 11, 30, 6, 30, tzinfo=dt.UTC)
    assert meeting.local_start.tzinfo == zoneinfo.ZoneInfo("Asia/Dushanbe")


def test_meeting_local_times_follow_a_time_zone_changed_in_the_same_save(staff_client, record):
    meeting = record["meeting"]
    url = admin_url(meeting, "change", meeting.pk)
    data = page_data(staff_client.get(url))
    data.update({"timezone": "Asia/Seoul", "starts_at_0": "2022-10-25", "starts_at_1": "10:00:00"})

    staff_client.post(url, data)

    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2022, 10, 25, 1, 0, tzinfo=dt.UTC)


# Forum languages ---------------------------------------------------------------------------------


def test_forum_languages_are_ticked_and_keep_their_order(staff_client, record):
    forum = record["forum"]
    url = admin_url(forum, "change", forum.pk)
    data = page_data(staff_client.get(url))
    data["languages"] = ["en", "ko", "tg"]

    response = staff_client.post(url, data)

    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.languages == ["en", "ko", "tg"]


def test_forum_without_languages_is_refused(staff_client, record):
    forum = record["forum"]
    url = admin_url(forum, "change", forum.pk)
    data = page_data(staff_client.get(url))
    del data["languages"]

    response = staff_client.post(url, data)

    assert response.context["adminform"].form.errors == {
        "languages": ["Tick at least one working language."]
    }


# Audit log ---------------------------------------------------------------------------------------


def test_admin_change_writes_an_audit_entry(staff_client, staff_user, record):
    edition = record["edition"]
    url = admin_url(edition, "change", edition.pk)
    data = page_data(staff_client.get(url))
    data["city"] = "Busan"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_id=edition.pk).latest("pk")
    assert (entry.action, entry.actor, entry.subject) == (
        "forums.edition.updated",
        staff_user,
        edition,
    )
    assert entry.data == {"city": {"before": "Dushanbe", "after": "Busan"}}


def test_admin_addition_writes_an_audit_entry_for_the_row_and_its_inline_rows(
    staff_client, staff_user, record
):
    uz = factories.state("UZ")
    data = _edition_post(
        record["forum"],
        number="15",
        **{
            "co_chairs-TOTAL_FORMS": "1",
            "co_chairs-0-state": str(uz.pk),
            "co_chairs-0-person": str(factories.PersonFactory(name="Bakhtiyor Saidov").pk),
        },
    )

    response = staff_client.post(admin_url(Edition, "add"), data)

    assert response.status_code == 302
    edition = Edition.objects.get(number=15)
    co_chair = edition.co_chairs.get()
    entries = list(AuditEntry.objects.filter(actor=staff_user).order_by("pk"))
    assert [(e.action, e.subject) for e in entries] == [
        ("forums.co_chair.created", co_chair),
        ("forums.edition.created", edition),
    ]
    assert entries[0].data == {
        "edition": {"pk": edition.pk, "str": "15th KCA"},
        "state": {"pk": uz.pk, "str": "Uzbekistan"},
        "person": {"pk": co_chair.person_id, "str": "Bakhtiyor Saidov"},
    }


def test_admin_deletion_writes_an_audit_entry_while_the_row_still_exists(
    staff_client, staff_user, record
):
    track = record["side_track"]
    pk = track.pk

    response = staff_client.post(admin_url(track, "delete", pk), {"post": "yes"})

    assert response.status_code == 302
    assert not SideTrack.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="forums.side_track.deleted")
    assert (entry.object_id, entry.actor) == (pk, staff_user)
    assert entry.data == {
        "forum": {"pk": record["forum"].pk, "str": "Korea–Central Asia Cooperation Forum"},
        "name": "Business Council",
        "kind": "business",
    }


def test_admin_inline_change_and_deletion_write_audit_entries(staff_client, staff_user, record):
    meeting = record["meeting"]
    url = admin_url(meeting, "change", meeting.pk)
    page = staff_client.get(url)
    data = page_data(page)
    delegation = meeting.delegations.get()
    prefix = inline_formset(page, Delegation).prefix
    statements = inline_formset(page, Statement).prefix
    data[f"{prefix}-0-head_title"] = "Foreign Minister"
    data[f"{statements}-0-DELETE"] = "on"
    statement_pk = meeting.statements.get().pk

    response = staff_client.post(url, data)

    assert response.status_code == 302
    actions = list(
        AuditEntry.objects.filter(actor=staff_user)
        .order_by("pk")
        .values_list("action", "object_id", "data")
    )
    assert actions[:2] == [
        (
            "meetings.delegation.updated",
            delegation.pk,
            {"head_title": {"before": "", "after": "Foreign Minister"}},
        ),
        ("meetings.statement.deleted", statement_pk, actions[1][2]),
    ]
    assert actions[2][:2] == ("meetings.meeting.updated", meeting.pk)


def test_audit_log_cannot_be_added_to_changed_or_deleted(staff_client, record):
    entry = AuditEntry.objects.get(action="forums.edition.created")

    add = staff_client.get(admin_url(AuditEntry, "add"))
    change = staff_client.post(admin_url(entry, "change", entry.pk), {"action": "x"})
    delete = staff_client.post(admin_url(entry, "delete", entry.pk), {"post": "yes"})
    view = staff_client.get(admin_url(entry, "change", entry.pk))

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert view.status_code == 200
    assert view.context["has_change_permission"] is False
    assert AuditEntry.objects.get(pk=entry.pk).action == "forums.edition.created"


def test_audit_log_lists_entries_with_filters_by_action_and_content_type(staff_client, record):
    response = staff_client.get(admin_url(AuditEntry, "changelist"))

    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == ["action", "content type"]
    assert response.context["action_form"] is None  # no action, not even "delete selected"


def test_citation_settled_from_the_list_is_audited(staff_client, staff_user, record):
    citation = Citation.objects.get()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(citation.pk),
        "form-0-settled": "on",
        "_save": "Save",
    }

    response = staff_client.post(admin_url(Citation, "changelist"), data)

    assert response.status_code == 302
    citation.refresh_from_db()
    assert citation.settled is True
    entry = AuditEntry.objects.filter(actor=staff_user).get()
    assert (entry.action, entry.data) == (
        "common.citation.updated",
        {"settled": {"before": False, "after": True}},
    )


# Autocomplete ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_model", "field_name", "make"),
    [
        (CoChair, "edition", lambda i: factories.EditionFactory()),
        (CoChair, "post", lambda i: factories.PostFactory(state=factories.state(STATE_CODES[i]))),
        (DelegationMember, "delegation", lambda i: factories.DelegationFactory()),
        (Statement, "meeting", lambda i: factories.MeetingFactory()),
    ],
    ids=["edition", "post", "delegation", "meeting"],
)
def test_autocomplete_queries_do_not_grow_with_results(
    staff_client, source_model, field_name, make
):
    url = reverse("admin:autocomplete")
    params = {
        "app_label": source_model._meta.app_label,
        "model_name": source_model._meta.model_name,
        "field_name": field_name,
        "term": "",
    }
    make(0)
    staff_client.get(url, params)
    with CaptureQueriesContext(connection) as one:
        staff_client.get(url, params)
    for i in range(1, 4):
        make(i)
    with CaptureQueriesContext(connection) as four:
        response = staff_client.get(url, params)

    assert len(response.json()["results"]) == 4
    assert len(four.captured_queries) == len(one.captured_queries)


# Drafting records ----------------------------------------------------------------------------------


def test_position_added_on_a_version_records_who_entered_it(staff_client, staff_user, record):
    version = DocumentVersion.objects.get()
    url = admin_url(version, "change", version.pk)
    page = staff_client.get(url)
    data = page_data(page)
    prefix = inline_formset(page, Position).prefix
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-state": str(factories.state("KR").pk),
            f"{prefix}-1-kind": "ad_referendum",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    position = Position.objects.get(state__code="KR")
    assert (position.kind, position.recorded_by) == ("ad_referendum", staff_user)


def test_paragraph_edit_raises_its_revision(staff_client, record):
    text = LanguageVersion.objects.get()
    url = admin_url(text, "change", text.pk)
    page = staff_client.get(url)
    data = page_data(page)
    prefix = inline_formset(page, Paragraph).prefix
    data[f"{prefix}-0-text"] = "The parties agree ..."

    staff_client.post(url, data)

    paragraph = Paragraph.objects.get()
    assert (paragraph.text, paragraph.revision) == ("The parties agree ...", 2)


def test_paragraph_of_an_adopted_version_cannot_be_changed_or_deleted(staff_client, record):
    DocumentVersion.objects.update(status="adopted")
    paragraph = Paragraph.objects.get()

    view = staff_client.get(admin_url(paragraph, "change", paragraph.pk))
    change = staff_client.post(
        admin_url(paragraph, "change", paragraph.pk), {"number": "1", "text": "Rewritten."}
    )
    delete = staff_client.post(admin_url(paragraph, "delete", paragraph.pk), {"post": "yes"})

    assert view.context["has_change_permission"] is False
    assert (change.status_code, delete.status_code) == (403, 403)
    assert Paragraph.objects.get().text == "The parties ..."


# A whole edition ---------------------------------------------------------------------------------


def _post_page(client, url, changes: dict, rows: dict | None = None):
    """Post ``url``'s page back with ``changes``, and new inline rows: ``{model: [row, ...]}``."""
    page = client.get(url)
    data = page_data(page)
    data.update(changes)
    for model, new_rows in (rows or {}).items():
        formset = inline_formset(page, model)
        start = len(formset.initial_forms)
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(start + len(new_rows))
        for i, row in enumerate(new_rows, start=start):
            data.update({f"{formset.prefix}-{i}-{name}": value for name, value in row.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def test_staff_enter_an_edition_from_forum_to_proposals(staff_client, staff_user, db):
    kr, tj = factories.state("KR"), factories.state("TJ")
    minister = factories.PostFactory(title="Minister of Foreign Affairs", state=tj)
    deputy = factories.PostFactory(title="Deputy Minister of Foreign Affairs", state=kr)
    _post_page(
        staff_client,
        admin_url(Forum, "add"),
        {"name": "Korea–Central Asia Cooperation Forum", "slug": "kca", "languages": ["en", "ru"]},
        {Membership: [{"state": kr.pk, "role": "member"}, {"state": tj.pk, "role": "member"}]},
    )
    forum = Forum.objects.get(slug="kca")
    _post_page(
        staff_client,
        admin_url(Edition, "add"),
        {"forum": forum.pk, "number": "14", "city": "Dushanbe", "host_state": tj.pk},
        {
            CoChair: [{"state": tj.pk, "post": minister.pk}],
            Meeting: [{"kind": "ministerial", "title": "Ministerial plenary", "status": "held"}],
        },
    )
    edition = Edition.objects.get(forum=forum, number=14)
    meeting = edition.meetings.get()
    meeting_url = admin_url(meeting, "change", meeting.pk)
    _post_page(
        staff_client,
        meeting_url,
        {"timezone": "Asia/Dushanbe", "starts_at_0": "2021-11-30", "starts_at_1": "10:00"},
        {
            Delegation: [
                {"state": tj.pk, "head_post": minister.pk, "head_rank": Rank.FOREIGN_MINISTER},
                {"state": kr.pk, "head_post": deputy.pk, "head_rank": Rank.DEPUTY_MINISTER},
            ]
        },
    )
    korea = meeting.delegations.get(state=kr)
    _post_page(
        staff_client,
        meeting_url,
        {},
        {Statement: [{"position": "1", "delegation": korea.pk, "summary": "Digital cooperation."}]},
    )
    statement = meeting.statements.get()
    _post_page(
        staff_client,
        admin_url(statement, "change", statement.pk),
        {},
        {Proposal: [{"position": "1", "text": "A digital cooperation programme."}]},
    )

    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2021, 11, 30, 5, 0, tzinfo=dt.UTC)
    assert [(d.state.code, d.head_rank) for d in meeting.delegations.order_by("state__name")] == [
        ("KR", Rank.DEPUTY_MINISTER),
        ("TJ", Rank.FOREIGN_MINISTER),
    ]
    assert [p.text for p in statement.proposals.all()] == ["A digital cooperation programme."]
    assert list(
        AuditEntry.objects.filter(actor=staff_user).order_by("pk").values_list("action", flat=True)
    ) == [
        "forums.membership.created",
        "forums.membership.created",
        "forums.forum.created",
        "forums.co_chair.created",
        "meetings.meeting.created",
        "forums.edition.created",
        "meetings.delegation.created",
        "meetings.delegation.created",
        "meetings.meeting.updated",
        "meetings.statement.created",
        "meetings.meeting.updated",
        "meetings.proposal.created",
        "meetings.statement.updated",
    ]


def test_adopting_a_document_in_the_admin_goes_through_the_domain(staff_client, record):
    """The latest version is adopted with the document, and the adoption is in its history."""
    document = OutcomeDocument.objects.get(forum=record["forum"])
    url = admin_url(document, "change", document.pk)
    data = page_data(staff_client.get(url))
    data.update(
        {
            "status": "adopted",
            "adopted_on": "2021-11-30",
            "adoption_method": "meeting",
            "adopted_at": str(record["meeting"].pk),
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.adopted_on, document.adopted_at) == (
        "adopted",
        dt.date(2021, 11, 30),
        record["meeting"],
    )
    assert list(document.versions.values_list("number", "status")) == [(1, "adopted")]
    assert (
        AuditEntry.objects.filter(
            action="documents.document.adopted", object_id=document.pk
        ).count()
        == 1
    )
