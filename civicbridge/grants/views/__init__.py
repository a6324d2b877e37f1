"""Pages of state support, one module per audience: public, applicant, review (experts), operator, outcomes.

Each module lists its routes in `urls`; grants/urls.py joins them.
"""
