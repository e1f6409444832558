"""What leaves the service: a share (only with consent in force or a manager's breach
decision), a subject-access copy and what it withholds, a redacted case study, and the
one place a case becomes a document (PDF, HTML, Markdown, JSON; protected).

May import: ``basics``, ``platform``, ``store``, ``records``.
"""
