"""The Local Government and Social Care Ombudsman, as the last letter of the procedure names them.

Their own published contact details (www.lgo.org.uk/contact-us). A complainant normally has 12 months from when
they knew of the problem to go to them; the letter says so in plain words.
"""

from __future__ import annotations

OMBUDSMAN = {
    "name": "the Local Government and Social Care Ombudsman",
    "phone": "0300 061 0614",
    "website": "www.lgo.org.uk",
    "address": "PO Box 4771, Coventry, CV4 0EH",
    "time_limit": "12 months",
}
