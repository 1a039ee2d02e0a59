"""Stage 3b, temporal expressions: dates, times, periods, ranges, durations and relative dates.

`dates.find_dates` runs the stage; `durations` reads lengths of time as ISO 8601 durations.
"""
