/**
 * Redundancy of two neurons about the stimulus (SCIENCE.md, "Redundancy"), with d = f′/σ and noise
 * correlation ρ:
 *   I_ij = (d_i² + d_j² − 2ρ d_i d_j) / (1 − ρ²)
 *   R_ij = I_i + I_j − I_ij = ρ (2 d_i d_j − ρ (d_i² + d_j²)) / (1 − ρ²)
 * Positive = redundant (the pair shares stimulus information), negative = synergistic.
 */
export function pairInformation(di: number, dj: number, rho: number): number {
  return (di * di + dj * dj - 2 * rho * di * dj) / (1 - rho * rho);
}

export function pairRedundancy(di: number, dj: number, rho: number): number {
  return (rho * (2 * di * dj - rho * (di * di + dj * dj))) / (1 - rho * rho);
}

/** Population redundancy I_red = I_shuffle − I and its share of I_shuffle (null when I_shuffle ≤ 0). */
export function populationRedundancy(
  fisher: number,
  fisherShuffled: number,
): { redundancy: number; redundancyPercent: number | null } {
  const redundancy = fisherShuffled - fisher;
  return { redundancy, redundancyPercent: fisherShuffled > 0 ? (100 * redundancy) / fisherShuffled : null };
}
