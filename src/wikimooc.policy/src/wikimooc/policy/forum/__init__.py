"""The forum of a session: questions and answers stored as content inside the
session, authors shown by their wiki identity, mail notifications, moderation."""
