"""The learner's pages of a course: the course, its modules, lessons, exercises and
sessions, and what the other pages show of them (sessions, syllabus)."""
