import pytest
from tour_drafts import add_draft


@pytest.fixture
def draft(course):
    return add_draft(course)
