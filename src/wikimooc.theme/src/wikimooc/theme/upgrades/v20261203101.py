"""Learners own what they post (forum questions, submitted work): owning it no longer
shows them Plone's toolbar, which stays for those who write or run courses."""

PERMISSION = "Show Toolbar"
ROLES = (
    "Manager", "Site Administrator", "Editor", "Contributor", "Reviewer", "Course Author",
    "Course Reviewer", "Teacher",
)


def upgrade(setup_tool):
    site = setup_tool.aq_parent
    site.manage_permission(PERMISSION, ROLES, acquire=False)
