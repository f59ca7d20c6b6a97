"""One registry cycle: due lookups, the posted alerts' registry lines, and the daily pass when due.

Run by its own scheduler job in `phasewatch run` (the poll leader only), and by `poll --once`
after delivery, so an alert posted in a cycle carries its registry line by the end of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.usecases.context import Runtime
from bot.usecases.registry_lookup import LookupReport, run_lookups
from bot.usecases.registry_updates import update_messages
from bot.usecases.registry_watch import RegistryPassReport, registry_pass_due, run_registry_pass

log = logging.getLogger(__name__)


@dataclass
class RegistryCycleReport:
    """What one registry cycle did."""

    lookups: LookupReport = field(default_factory=LookupReport)
    registry_pass: RegistryPassReport | None = None
    updated: int = 0

    @property
    def alerts_queued(self) -> int:
        """Alerts the registry pass queued (status changes), to be delivered next."""
        return self.registry_pass.alerts_queued if self.registry_pass else 0


def run_registry_cycle(rt: Runtime, *, watch: bool | None = None) -> RegistryCycleReport:
    """Lookups, then message updates, then the registry pass (when due, or when `watch`)."""
    report = RegistryCycleReport()
    if rt.ctgov is None:
        return report
    report.lookups = run_lookups(rt)
    report.updated = update_messages(rt)
    if watch or (watch is None and not report.lookups.outage and registry_pass_due(rt)):
        report.registry_pass = run_registry_pass(rt)
    lookups = report.lookups
    if lookups.done or lookups.retried or lookups.failed or report.updated:
        log.info(
            "registry: %d lookups done, %d to retry, %d given up, %d alerts updated",
            lookups.done,
            lookups.retried,
            lookups.failed,
            report.updated,
        )
    return report
