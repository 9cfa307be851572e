"""A learner's own pages: "My courses"."""
