"""One factory per model. States come from ``state(code)``, which uses the real ISO tables."""

import datetime as dt

import factory
from django.utils.text import slugify

from plenary.common.models import Citation, Source
from plenary.documents.models import DocumentKind, DocumentVersion, OutcomeDocument
from plenary.forums.domain import state_ensure
from plenary.forums.models import Decision, Edition, Field, Forum, Membership, Milestone
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation, ExpertParticipation, Meeting, Proposal, Statement
from plenary.people.enums import OrganizationKind, Rank
from plenary.people.models import Organization, Person, Post
from plenary.projects.models import Project
from plenary.workplans.models import WorkPlan, WorkPlanArea, WorkPlanItem


def state(code: str):
    return state_ensure(code)


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"Cooperation Forum {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    languages = factory.LazyFunction(lambda: ["en", "ru", "ko"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    forum = factory.SubFactory(ForumFactory)
    state = factory.LazyFunction(lambda: state("KZ"))
    joined_on = dt.date(2007, 11, 15)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    forum = factory.SubFactory(ForumFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.LazyAttribute(lambda o: dt.date(2006 + o.number, 11, 1))
    city = "Seoul"
    host_state = factory.LazyFunction(lambda: state("KR"))
    status = "held"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    edition = factory.SubFactory(EditionFactory)
    kind = MeetingKind.MINISTERIAL
    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = factory.LazyAttribute(lambda o: o.edition.start_date)
    timezone = "Asia/Seoul"
    status = "held"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    sort_name = factory.LazyAttribute(lambda o: o.name)
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = OrganizationKind.AGENCY


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Minister {n}")
    state = factory.LazyFunction(lambda: state("KZ"))
    rank = Rank.FOREIGN_MINISTER


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    state = factory.LazyFunction(lambda: state("KZ"))
    head_person = factory.SubFactory(PersonFactory)
    head_rank = Rank.FOREIGN_MINISTER


class ExpertParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertParticipation

    edition = factory.SubFactory(EditionFactory)
    count = 10
    description = factory.Sequence(lambda n: f"Experts {n}")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    meeting = factory.SubFactory(MeetingFactory)
    delegation = factory.SubFactory(DelegationFactory, meeting=factory.SelfAttribute("..meeting"))
    summary = factory.Sequence(lambda n: f"Summary of statement {n}.")
    position = factory.Sequence(lambda n: n)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    statement = factory.SubFactory(StatementFactory)
    text = factory.Sequence(lambda n: f"Proposal {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    edition = factory.SubFactory(EditionFactory)
    kind = "next_edition"
    text = factory.Sequence(lambda n: f"Decision {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    forum = factory.SubFactory(ForumFactory)
    date = dt.date(1992, 1, 28)
    title = factory.Sequence(lambda n: f"Milestone {n}")


class DocumentKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentKind
        django_get_or_create = ("slug",)

    name = "Joint Statement"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OutcomeDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeDocument

    forum = factory.SubFactory(ForumFactory)
    kind = factory.SubFactory(DocumentKindFactory)
    title = factory.Sequence(lambda n: f"Joint Statement {n}")


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(OutcomeDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    forum = factory.SubFactory(ForumFactory)
    year = factory.Sequence(lambda n: 2017 + n)
    title = factory.LazyAttribute(lambda o: f"Work Plan {o.year}")


class WorkPlanAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanArea

    plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Area {n}")


class WorkPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanItem

    plan = factory.SubFactory(WorkPlanFactory)
    area = factory.SubFactory(WorkPlanAreaFactory, plan=factory.SelfAttribute("..plan"))
    number = factory.Sequence(lambda n: f"{n + 1}")
    text = factory.Sequence(lambda n: f"Item {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Project {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Report {n}")
    publisher = "Ministry of Foreign Affairs"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    subject = factory.SubFactory(EditionFactory)
    source = factory.SubFactory(SourceFactory)
