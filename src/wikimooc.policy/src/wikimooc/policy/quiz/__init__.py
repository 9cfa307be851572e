"""Graded quizzes: the Quiz type and its questions (content.py), how authors write
choices (lines.py), grading (grading.py, pure functions), attempts kept per session
and learner (attempts.py) and what a learner may see of a quiz (reading.py)."""
