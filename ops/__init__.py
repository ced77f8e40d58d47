"""Running the service: health, metrics, the production settings check and backups (docs/operations.md)."""
