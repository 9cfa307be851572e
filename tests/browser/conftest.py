import pytest
import re


@pytest.fixture
def page(client):
    """An HTML client: pages as a person's browser gets them."""

    def page(login=None):
        visitor = client(login)
        visitor.session.headers["Accept"] = "text/html"
        return visitor

    return page


@pytest.fixture
def authenticator():
    """The CSRF token a page's forms carry."""

    def authenticator(html):
        return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)

    return authenticator
