"""Demo content: the example courses of the platform's brief, each in its own language,
with a module, a lesson, an exercise checked on the wiki (and for one a quiz) and its
sessions; and a program grouping sessions of several of them. They are data
(courses.yaml, read and checked by data.py); content.py creates them in a new site."""

from wikimooc.policy.demo.content import create_demo_content
from wikimooc.policy.demo.data import DEMO_COURSES


__all__ = ["DEMO_COURSES", "create_demo_content"]
