"""Stage 3c, numeric facts: a number, its unit, what it counts and its context.

`facts.find_facts` runs the stage; `ratios` reads multipliers and fractions as amounts.
"""
