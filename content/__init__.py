"""How the service talks to complainants: the words pages, the chat and emails share (one source for each).

It sits just above models so that every layer can read it: the chat (intake), the status page (casework) and the
emails (reminders) say the same thing in the same words. See docs/content.md for the voice.
"""
