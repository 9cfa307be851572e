"""Old upgrade steps do what they did in their release, whatever the code of later
releases does: they carry their own data (demo courses, settings values) and import
from WikiMOOC only their own upgrades package and the few functions that create a
structure another module owns (the learners groups plugin, enrollments, the page
cache's counter), which writing by hand would copy."""

from pathlib import Path
from plone import api
from wikimooc.policy.site import PACKAGES
from wikimooc.policy.upgrades import v20261124005

import ast
import importlib
import pytest


OWNERS_APIS = {
    ("wikimooc.policy.pas", "install_plugin"),
    ("wikimooc.policy.enrollment", "add_learners"),
    # Moves enrollments to the names the enrollment storage's own rule writes.
    ("wikimooc.policy.enrollment", "renormalise_enrollments"),
    ("wikimooc.policy.pagecache.validity", "count_settings_changes"),
}


def upgrade_modules():
    for package in PACKAGES:
        (folder,) = map(Path, importlib.import_module(f"{package}.upgrades").__path__)
        for path in sorted(folder.glob("v*.py")):
            yield package, path


def wikimooc_imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module.startswith("wikimooc"):
            yield from ((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (
                (alias.name, None) for alias in node.names if alias.name.startswith("wikimooc")
            )


def test_every_package_has_upgrade_steps_to_check():
    assert {package for package, _path in upgrade_modules()} == set(PACKAGES)


@pytest.mark.parametrize(
    "package, path", list(upgrade_modules()), ids=lambda value: getattr(value, "name", value)
)
def test_upgrade_step_imports_no_code_that_keeps_changing(package, path):
    live = [
        f"{module}.{name}"
        for module, name in wikimooc_imports(path)
        if not module.startswith(f"{package}.upgrades") and (module, name) not in OWNERS_APIS
    ]
    assert live == []


def test_caching_step_sets_the_values_of_its_release(setup_tool):
    for record, _value in v20261124005.ANONYMOUS_ONLY_CACHING:
        api.portal.set_registry_record(record, False)
    v20261124005.upgrade(setup_tool)
    assert [
        api.portal.get_registry_record(record)
        for record, _value in v20261124005.ANONYMOUS_ONLY_CACHING
    ] == [True, True, True]
