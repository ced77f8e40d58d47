"""How often one address may start and send conversations, the same for the HTML pages and the JSON API."""

START_LIMIT = "20 per hour;100 per day"  # per address: enough for a care home or a school sharing one
SEND_LIMIT = "10 per hour;50 per day"
