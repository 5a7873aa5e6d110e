"""Samaki Tracker's benchmark: are the dashboards, the public pages and gift logging fast enough at crisis scale?

Run it from the repository root (it is never part of the pytest run):

    .venv/bin/python -m benchmarks --database sqlite
    .venv/bin/python -m benchmarks --database postgresql+psycopg://postgres@127.0.0.1:5432/samaki_bench
    .venv/bin/python -m benchmarks --database sqlite \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/samaki_bench --write docs/benchmarks.md

Options: --donations N (default 1000000), --small N (10000), --requests N (50), --naive-runs N (5),
--clients N (16: wrk's connections and the volunteers logging gifts), --seconds S (10), --client-processes N
(1), --writes N (10000), --single-inserts N (1000), --write FILE. A quick try: --donations 20000 --small 2000
--requests 10 --seconds 3 --writes 1000 --single-inserts 200. It needs wrk (/usr/bin/wrk, Debian's package).

DESTRUCTIVE: for `sqlite`, each size is a new file instance/benchmark/donations-<N>.sqlite
(replacing any earlier one); for a PostgreSQL URL, the database's public schema is dropped and
created again for each size. Give it a database that holds nothing you need.

For each database, in one run:

1. The large data set (`tracker.synthetic.generate`, seed 2025) in a freshly migrated database.
   Server-side time of three pages through the Flask test client, signed in as an admin created
   through the account services: the everywhere dashboard (/dashboards/world), the dashboard of
   the country with most gifts, and the public page of the public campaign with most gifts.
   Median and 95th percentile (nearest rank) of --requests requests, after 2 unmeasured ones.
2. The naive baseline for the same figures: one GROUP BY over the donations (counted statuses,
   per campaign, day, currency, kind and status), each group converted by the rate book and
   summed; median of --naive-runs runs.
3. The app under gunicorn (2 workers, loopback, a free port, configured by TRACKER_* environment
   variables, passwords hashed at production cost). wrk (`wrk -t2 -c<clients> -d<seconds>s
   --latency`, wrk.py) on /health, /regions/world, /regions/<the busiest country> and the campaign
   page, after a second of warm-up each: requests/s, latency percentiles and maximum, and the CPU
   used by the workers, the database, wrk and the rest of the machine (a busy machine is flagged).
4. Gift logging under the same gunicorn: as many volunteers of the campaign's organisation as
   clients sign in (Python clients, client.py), then each draws the gift form and posts a gift with
   its own donor name, again and again for --seconds.
5. A riel (KHR) rate entered by an admin over HTTP (POST /admin/rates/) for the day with most
   gifts, while wrk loads the campaign page and 4 volunteers log gifts (rate_entry.py): the post's
   time, wrk's maximum latency, the slowest gift, and how long until `rate_conversion.pending()`
   (polled in an app context of its own) is zero again. Then the database is read back: every
   accepted gift stored exactly once, no refused one stored, and `rollups.check()` finds no
   difference; and each gunicorn worker's peak resident memory (VmHWM) after all that load.
6. `flask --app tracker rollups check` as a child process (check_cli.py): wall time and peak
   memory (ru_maxrss from its rusage), and its start-up alone for comparison.
7. Gift writes straight through the donation operations (writes.py), --writes gifts copied from
   random donations of active campaigns: plain INSERTs of the rows in one transaction and
   --single-inserts one-row INSERT transactions (the floor; those rows are deleted at once), the
   bulk path `log_donations` in committed batches of 500, and `log_donation` + commit one by one.
   The logged gifts stay: this runs last on the large data set, so nothing above is skewed. When
   one gift costs more than 10 one-row INSERTs, a cProfile of one is printed on stderr.
8. The small data set (--small donations, the same seed, hence the same campaigns: checked) in a
   fresh database, and the three pages timed again.

Then it prints, per database, the tables and the targets, each PASS or FAIL. The issue's targets:
the world and country region pages ≥ 0.5 × /health and the campaign page ≥ 0.6 × /health in wrk's
requests/s; no wait over 1 s while the rate is entered (admin post, wrk's maximum, slowest gift);
`rollups check` peak ≤ 300 MB and time ≤ 3 × the naive everywhere GROUP BY; the bulk path ≥ 20 ×
faster than one by one and ≤ 5 × the plain INSERTs; one gift ≤ 10 × a one-row INSERT transaction.
Kept from before: everywhere dashboard ≤ 0.1 × naive; each page at the large size ≤ 1.5 × at the
small size; gift logging ≥ 0.25 × /health, with no error and no lost or doubled gift; worker peak
≤ 200 MB. With --write FILE, the same text, with the machine
(CPU, cores, RAM, Python, SQLite and PostgreSQL versions), the date and the exact command, is
appended to FILE. The exit status is 0 when every target passes, 1 otherwise.

It lives beside the application, not in it: no installed copy of the app carries it. Its extra
dependencies (gunicorn, psycopg) are the `benchmark` extra: `.venv/bin/pip install -e ".[benchmark]"`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository: instance/benchmark/, docs/, the flask command
