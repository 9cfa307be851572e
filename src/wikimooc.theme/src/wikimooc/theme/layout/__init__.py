"""The header of every page: the WikiMOOC logo, the course search, the language
switcher and the user menu."""
