"""Scheduled jobs of the core."""

from celery import shared_task

from .audit import verify_chain


@shared_task(name="core.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Nightly: walk the audit log and report whether its hash chain is intact."""
    ok, first_bad = verify_chain()
    if not ok:
        import logging

        logging.getLogger("civicbridge.audit").error("audit chain broken at entry %s", first_bad)
    return {"ok": ok, "first_bad": first_bad}
