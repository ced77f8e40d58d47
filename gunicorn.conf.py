"""gunicorn reads this file from the folder it is started in, so every way of running the service here gets it.

The access log never holds a path or an address: paths carry private-link tokens (/status/TOKEN,
/complaint/resume/TOKEN, /staff/reset-password/TOKEN) and addresses are personal data. A proxy in front keeps
its own log: see "Running behind a reverse proxy" in README.md.
"""

access_log_format = "%(t)s %(m)s %(s)s %(B)s %(M)sms"
