"""The three packages depend on each other in one direction (workflows ← policy ←
theme), and each declares in its pyproject.toml every distribution it uses: in its
Python imports, its ZCML and its profiles."""

from importlib import metadata
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pathlib import Path

import ast
import pytest
import re
import sys
import tomllib


SRC = Path(__file__).parents[2] / "src"
PACKAGES = ("wikimooc.workflows", "wikimooc.policy", "wikimooc.theme")
LAYER_OF = {canonicalize_name(package): layer for layer, package in enumerate(PACKAGES)}
DOTTED_WIKIMOOC_NAME = re.compile(r"\bwikimooc\.(workflows|policy|theme)\b")
XML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Provided by Zope's own processes or test runners rather than by a dependency.
NOT_DISTRIBUTIONS = {"wikimooc"}


def declared(package):
    project = tomllib.loads((SRC / package / "pyproject.toml").read_text())["project"]
    return {canonicalize_name(Requirement(line).name) for line in project["dependencies"]}


def code_of(package):
    return SRC / package / "src" / "wikimooc" / package.split(".")[1]


def imported_modules(package):
    """(file, top-level distribution-ish name) for every absolute import."""
    for path in code_of(package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path, name


def wikimooc_package_of(module):
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "wikimooc" and len(parts) > 1 else None


def referenced_wikimooc_packages(package):
    """WikiMOOC packages a package names: imports, ZCML dotted names, profiles."""
    for path, module in imported_modules(package):
        if other := wikimooc_package_of(module):
            yield path, other
    for path in [*code_of(package).rglob("*.zcml"), *code_of(package).rglob("*.xml")]:
        for match in DOTTED_WIKIMOOC_NAME.finditer(XML_COMMENT.sub("", path.read_text())):
            yield path, f"wikimooc.{match.group(1)}"


def dependency_closure(names):
    """The distributions ``names`` bring in, themselves included."""
    seen, todo = set(), list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requirements = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requirements:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


@pytest.mark.parametrize("package", PACKAGES)
def test_wikimooc_packages_it_uses_are_declared_and_below_it(package):
    undeclared = sorted(
        f"{path.relative_to(SRC)} uses {other}"
        for path, other in referenced_wikimooc_packages(package)
        if other != package and canonicalize_name(other) not in declared(package)
    )
    assert undeclared == []
    layer = LAYER_OF[canonicalize_name(package)]
    upward = sorted(other for other in declared(package) if LAYER_OF.get(other, -1) >= layer)
    assert upward == [], f"{package} may only depend on the packages below it"


@pytest.mark.parametrize("package", PACKAGES)
def test_third_party_modules_it_imports_come_from_its_declared_dependencies(package):
    providers = metadata.packages_distributions()
    available = dependency_closure(declared(package))
    missing = set()
    for path, module in imported_modules(package):
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top in NOT_DISTRIBUTIONS:
            continue
        distributions = {canonicalize_name(name) for name in providers.get(top, [])}
        assert distributions, f"{path.relative_to(SRC)}: nothing installed provides {top}"
        if not distributions & available:
            missing.add(f"{path.relative_to(SRC)} imports {module}")
    assert sorted(missing) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_it_declares_every_package_below_it(package):
    below = {
        other for other, layer in LAYER_OF.items() if layer < LAYER_OF[canonicalize_name(package)]
    }
    assert below <= declared(package)
