#!/usr/bin/env python3
"""Generate examples/trades.csv, the demo data set (run once; the output is committed).

Deterministic (seeded, standard library only): re-running it reproduces the committed file
byte for byte. ~2,000 equity trades over one week of March 2024:

    trade_id long, symbol string, side string, quantity integer, price decimal(12,4),
    fee double (empty = null for ~8 % of rows), traded_at timestamp (UTC, µs),
    settle_date date (T+2 business days), venue string (some with commas and quotes)

Usage: scripts/gen_trades.py [--rows 2000] [--out examples/trades.csv]
"""
import argparse
import csv
import datetime as dt
import random
from decimal import Decimal, ROUND_HALF_EVEN

SYMBOLS = {  # symbol -> starting price
    "AAPL": "179.66", "MSFT": "415.50", "NVDA": "822.79", "AMZN": "178.22", "GOOGL": "137.14",
    "META": "502.30", "TSLA": "202.64", "BRK.B": "412.87", "JPM": "184.12", "V": "282.30",
    "XOM": "104.92", "KO": "60.15",
}
VENUES = ["NASDAQ", "NYSE", "NYSE Arca", "IEX", "Cboe BZX", "MEMX",
          "Dark Pool, Inc.", 'Broker "Alpha" ATS', 'Liquidnet, "Block" Crossing']
VENUE_WEIGHTS = [30, 25, 10, 8, 8, 5, 6, 5, 3]
TRADING_DAYS = [dt.date(2024, 3, d) for d in (1, 4, 5, 6, 7, 8)]


def add_business_days(d: dt.date, n: int) -> dt.date:
    while n:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--out", default="examples/trades.csv")
    ap.add_argument("--seed", type=int, default=20240301)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    # Trade times: uniform over the 09:30-16:00 session (14:30-21:00 UTC in March, EST),
    # sorted, microsecond precision.
    session_us = int(6.5 * 3600 * 1_000_000)
    times = []
    for _ in range(a.rows):
        day = rng.choice(TRADING_DAYS)
        open_utc = dt.datetime(day.year, day.month, day.day, 14, 30, tzinfo=dt.timezone.utc)
        times.append(open_utc + dt.timedelta(microseconds=rng.randrange(session_us)))
    times.sort()

    price = {s: Decimal(p) for s, p in SYMBOLS.items()}
    tick = Decimal("0.0001")
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["trade_id", "symbol", "side", "quantity", "price", "fee",
                    "traded_at", "settle_date", "venue"])
        for i, t in enumerate(times):
            sym = rng.choice(list(SYMBOLS))
            # Random walk, ±0.25 % per trade, 4 decimal places.
            step = Decimal(rng.uniform(-0.0025, 0.0025)).quantize(Decimal("0.000001"))
            price[sym] = (price[sym] * (1 + step)).quantize(tick, ROUND_HALF_EVEN)
            qty = rng.choice([rng.randint(1, 99), rng.randint(1, 50) * 100, rng.randint(1, 5000)])
            notional = float(price[sym]) * qty
            fee = "" if rng.random() < 0.08 else repr(round(notional * 0.00003 + 0.005 * (qty // 100), 6))
            venue = rng.choices(VENUES, VENUE_WEIGHTS)[0]
            w.writerow([
                1_000_001 + i,
                sym,
                rng.choice(["BUY", "SELL"]),
                qty,
                f"{price[sym]:.4f}",
                fee,
                t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                add_business_days(t.date(), 2).isoformat(),
                venue,
            ])


if __name__ == "__main__":
    main()
