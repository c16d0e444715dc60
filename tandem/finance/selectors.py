"""Reads of the finance app."""

import datetime
from decimal import Decimal

from django.db.models import Sum

from tandem.finance.models import ZERO, Loan


def loan_arrears(*, loan: Loan, on: datetime.date) -> Decimal:
    """What is overdue on `on`: everything due on or before that day less everything paid by
    then (payments pay the oldest instalments first), never below zero."""
    due = loan.instalments.filter(due_on__lte=on).aggregate(total=Sum("amount"))["total"] or ZERO
    paid = loan.payments.filter(paid_on__lte=on).aggregate(total=Sum("amount"))["total"] or ZERO
    return max(due - paid, ZERO)


def loan_is_in_arrears(*, loan: Loan, on: datetime.date) -> bool:
    return loan_arrears(loan=loan, on=on) > 0
