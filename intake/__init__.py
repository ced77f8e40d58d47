"""Public side: the conversation, routing of free text to a team, and safeguarding checks."""
