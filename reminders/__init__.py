"""Working days, statutory deadlines, the outbox of emails and the scheduler that sends them."""
