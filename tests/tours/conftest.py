from tour_drafts import add_draft

import pytest


@pytest.fixture
def draft(course):
    return add_draft(course)
