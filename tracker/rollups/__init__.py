"""The rollup layer: the only code that writes the rollup cells and their converted figures.

Features below it announce what changed (tracker.signals); `init_app` connects this layer's
receivers, which update the cells and figures in the sender's transaction. Dashboards and public
pages read the figures through `tracker.rollups.queries`.
"""
