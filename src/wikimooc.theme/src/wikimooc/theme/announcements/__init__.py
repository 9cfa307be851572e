"""Classic UI of announcements and reminders."""
