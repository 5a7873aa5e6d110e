"""Samaki Tracker's benchmark: are the dashboards, the public pages and gift logging fast enough at crisis scale?

Run it from the repository root (it is never part of the pytest run):

    .venv/bin/python -m tracker.benchmark --database sqlite
    .venv/bin/python -m tracker.benchmark --database postgresql+psycopg://postgres@127.0.0.1:5432/samaki_bench
    .venv/bin/python -m tracker.benchmark --database sqlite \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/samaki_bench --write docs/benchmarks.md

Options: --donations N (default 1000000), --small N (10000), --requests N (50), --naive-runs N (5),
--clients N (16), --seconds S (10), --client-processes N (1), --write FILE. A quick try:
--donations 20000 --small 2000 --requests 10 --seconds 3.

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
3. The app under gunicorn (--workers 2, loopback, a free port, configured by TRACKER_*
   environment variables, passwords hashed at production cost): --clients clients request
   /health, then the campaign page, for --seconds each. The clients run in a separate process
   (raw HTTP/1.1 on blocking sockets, a thread per client: the cheapest client measured, see
   client.py); the CPU used by the workers, the database, the clients and the rest of the
   machine is reported beside each figure, and a busy machine is flagged.
4. Gift logging under the same gunicorn: as many volunteers of the campaign's organisation as
   clients sign in, then each draws the gift form and posts a gift with its own donor name, again
   and again for --seconds. Then the database is read back: every accepted gift stored exactly
   once, no refused one stored, and `rollups.check()` finds no difference.
5. Each gunicorn worker's peak resident memory (VmHWM) after all that load.
6. The small data set (--small donations, the same seed, hence the same campaigns: checked) in a
   fresh database, and the three pages timed again.

Then it prints, per database, the tables and the targets, each PASS or FAIL:
everywhere dashboard ≤ 0.1 × naive; each page at the large size ≤ 1.5 × at the small size;
campaign page ≥ 0.5 × /health in requests/s; gift logging ≥ 0.25 × /health, with no error and
no lost or doubled gift; worker peak ≤ 200 MB. With --write FILE, the same text, with the machine
(CPU, cores, RAM, Python, SQLite and PostgreSQL versions), the date and the exact command, is
appended to FILE. The exit status is 0 when every target passes, 1 otherwise.
"""
