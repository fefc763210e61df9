"""The margin of a range of days: sales (`sold.py`) − members' milk (`members_milk.py`) −
expenses (`expenses.py`), with the litres bought and the shrinkage of the daily milk balance;
and the indicators of selling the milk."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.core.numbers import ONE
from coop_desktop.domain.sales.margin import Margin, SalesFigures, margin, sales_figures
from coop_desktop.services.sales.balance import centre_flows, check_range, report_from
from coop_desktop.services.sales.expenses import expenses_of
from coop_desktop.services.sales.members_milk import milk_cost
from coop_desktop.services.sales.sold import sales_of
from coop_desktop.storage.engine import Database


def margin_report(db: Database, start: date, end: date) -> Margin:
    check_range(start, end)
    with db.read() as session:
        flows = centre_flows(session, start, end, litres_only=True)
        bal = report_from(flows, start, end, "centre", ONE).total
        cost = milk_cost(session, start, end)
        sold = sales_of(session, start, end)
        spent = expenses_of(session.connection(), start, end)
    return margin(
        litres_bought=bal.accepted_l,
        litres_sold=sold.litres,
        shrinkage_l=bal.shrinkage_l,
        sales=sold.amount,
        milk_cost=cost.amount,
        expenses=spent,
        provisional=cost.provisional or sold.pending > 0,
        litres_untested=cost.untested_l,
    )


def range_sales(
    session: Session,
    start: date,
    end: date,
    *,
    milk_cost: Decimal,
    litres_untested: Decimal,
    provisional: bool,
) -> SalesFigures:
    """The indicators of selling the milk over [start, end] (whole periods), with the members'
    milk the indicators already read (what the closes paid, the previews of open periods)."""
    flows = centre_flows(session, start, end, litres_only=True)
    shrinkage = report_from(flows, start, end, "centre", ONE).total.shrinkage_pct
    sold = sales_of(session, start, end)
    return sales_figures(
        sales=sold.amount,
        kg_sold=sold.kg,
        litres_sold=sold.litres,
        milk_cost=milk_cost,
        shrinkage_pct=shrinkage,
        provisional=provisional or sold.pending > 0,
        litres_untested=litres_untested,
    )
