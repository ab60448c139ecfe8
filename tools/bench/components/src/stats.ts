/**
 * @param values samples (any order; not modified)
 * @param q quantile in (0, 1]
 * @returns the nearest-rank percentile, or NaN when there are no samples
 */
export function percentile(values: number[], q: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
