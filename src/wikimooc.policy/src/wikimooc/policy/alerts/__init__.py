"""Alerts for the teaching team: learners' pages nominated for deletion, deleted or
moved, learners' edits reverted, learners blocked or renamed, found by the worker on
the session's wikis and kept until a teacher dismisses them."""
