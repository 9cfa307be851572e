"""Practising on the wiki from a lesson or an exercise: the panel with the practice
link and the wiki links around it (wikimooc.policy.roundtrips builds them)."""
