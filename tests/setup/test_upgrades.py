"""No upgrade step left dangling: from each profile's first release, upgrade steps
form one unbroken chain that ends exactly at the metadata.xml version."""

from wikimooc.policy.site import PACKAGES

import pytest


FIRST_RELEASE = "20261124001"
PROFILES = [f"{package}:default" for package in PACKAGES]


def registered_steps(setup_tool, profile):
    steps = []
    for entry in setup_tool.listUpgrades(profile, show_old=True):
        steps.extend(entry if isinstance(entry, list) else [entry])
    return sorted(steps, key=lambda step: step["sdest"])


@pytest.mark.parametrize("profile", PROFILES)
def test_versions_are_dates(setup_tool, profile):
    version = setup_tool.getVersionForProfile(profile)
    assert len(version) == 11 and version.isdigit(), version


@pytest.mark.parametrize("profile", PROFILES)
def test_steps_chain_from_the_first_release_to_the_metadata_version(setup_tool, profile):
    version = FIRST_RELEASE
    for step in registered_steps(setup_tool, profile):
        assert step["ssource"] == version, f"{step['title']}: gap before it"
        version = step["sdest"]
    assert version == setup_tool.getVersionForProfile(profile)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_new_site_has_no_pending_step(setup_tool, profile):
    assert setup_tool.listUpgrades(profile) == []
    installed = ".".join(setup_tool.getLastVersionForProfile(profile))
    assert installed == setup_tool.getVersionForProfile(profile)
