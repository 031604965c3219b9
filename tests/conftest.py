import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def forum(db):
    """A forum of Korea and the five Central Asian states, English alphabetical order."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]:
        factories.MembershipFactory(forum=forum, state=factories.state(code))
    return forum


@pytest.fixture
def staff_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-for-tests")


@pytest.fixture
def member_user(db):
    """A signed-in user who is not staff (a focal point of a member state, say)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("focal", "focal@example.org", "pw-for-tests")
