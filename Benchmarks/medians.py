"""The Markdown tables both benchmark harnesses print (run.py, serve.py)."""
import statistics


def medians(samples):
    """{(system, measure): [per-run values]} -> {(system, measure): median}."""
    return {key: statistics.median(values) for key, values in samples.items()}


def print_table(samples, ms_digits):
    """| system | measure | median | runs |, milliseconds with `ms_digits` decimals."""
    med = medians(samples)
    print("| system | measure | median | runs |")
    print("|---|---|---|---|")
    for (system, measure), value in sorted(med.items()):
        digits = ms_digits if measure.endswith("_ms") else 0
        runs = ", ".join(f"{x:,.{digits}f}" for x in samples[(system, measure)])
        print(f"| {system} | {measure} | {value:,.{digits}f} | {runs} |")
    return med


def ratio(med, a_key, b_key):
    """`a / b` as `N.NN×`, or n/a when either is missing."""
    return f"{med[a_key] / med[b_key]:.2f}×" if a_key in med and b_key in med and med[b_key] else "n/a"
