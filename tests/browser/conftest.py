from html_pages import authenticator as form_token
from html_pages import html_client

import pytest


@pytest.fixture
def page(client):
    """An HTML client: pages as a person's browser gets them."""

    def page(login=None):
        return html_client(client, login)

    return page


@pytest.fixture
def authenticator():
    """The CSRF token a page's forms carry."""
    return form_token
