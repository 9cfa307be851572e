"""The small registries announcements and reminders choose from: named entries,
each a title to show and a function, in the order they were registered. Another
feature adds its own entry with ``register``."""


class Registry(dict):
    """name → entry, made by ``entry_type(name, title, function)``."""

    def __init__(self, entry_type):
        super().__init__()
        self.entry_type = entry_type

    def register(self, name, title, function):
        self[name] = self.entry_type(name, title, function)
