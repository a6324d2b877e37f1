"""Views of the exchange: practices and adoptions (practices.py); needs, offers, partners (partners.py)."""
