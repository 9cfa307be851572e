"""Video lessons: what authors paste (a Commons file, a PeerTube or YouTube address),
what the platform learns about it from the host once (title, duration, licence,
sources, subtitles), kept in a cache, and how much of it each learner watched."""
