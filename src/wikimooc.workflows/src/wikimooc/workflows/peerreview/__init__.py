"""Peer review of submissions: allocation, grading, the teaching team's controls.

storage     the per-exercise Round kept in the session
allocation  who reviews whom
grading     grades and the states they lead to
progress    allocate, record, move states: after every change
actions     what learners and teachers do, and why it may be refused
disclosure  what each reader may see
"""
