"""Staff side: sign-in, roles, the queue, stage transitions, the audit trail, and the data loaders."""
