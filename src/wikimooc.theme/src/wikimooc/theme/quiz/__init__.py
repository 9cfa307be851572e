"""The quiz page: the attempt form, then the score, feedback and answers."""
