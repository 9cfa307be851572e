"""WikiMOOC's permissions have one name in code: the constants of
wikimooc.workflows.permissions, each a permission ZCML registers; no other module
spells one out."""

from pathlib import Path
from wikimooc.workflows import permissions
from zope.component import getUtilitiesFor
from zope.security.interfaces import IPermission

import ast
import pytest


SRC = Path(__file__).parents[2] / "src"
CONSTANTS_MODULE = Path(permissions.__file__)
CONSTANTS = {
    name: value for name, value in vars(permissions).items() if name.isupper()
}


@pytest.fixture
def wikimooc_permissions(portal):
    """id → title of every registered wikimooc permission."""
    return {
        permission_id: permission.title
        for permission_id, permission in getUtilitiesFor(IPermission)
        if permission_id.startswith("wikimooc.")
    }


@pytest.mark.parametrize("name", sorted(CONSTANTS))
def test_each_constant_names_a_registered_permission(wikimooc_permissions, name):
    value = CONSTANTS[name]
    if name.endswith("_ID"):
        assert value in wikimooc_permissions
    else:
        assert value in wikimooc_permissions.values()


def test_each_registered_permission_has_its_constant(wikimooc_permissions):
    assert set(wikimooc_permissions.values()) <= set(CONSTANTS.values())


def string_literals(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_other_module_spells_a_permission_out(wikimooc_permissions):
    names = set(wikimooc_permissions) | set(wikimooc_permissions.values())
    spelled_out = [
        f"{path.relative_to(SRC)}:{line}: {value!r}"
        for path in SRC.glob("wikimooc.*/src/wikimooc/*/**/*.py")
        if path != CONSTANTS_MODULE
        for line, value in string_literals(path)
        if value in names or value.startswith("wikimooc: ")
    ]
    assert spelled_out == []
