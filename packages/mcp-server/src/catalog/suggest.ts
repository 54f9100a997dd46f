/**
 * Close matches for a mistyped name (a report id given to run_report): with ~130 ids, listing them all in an
 * error costs more context than it saves, so an error names the few nearest and points at list_reports.
 */

/** Inputs longer than this are no mistyping of a name: not compared at all. */
export const MAX_COMPARED_CHARS = 64;

/**
 * Edit distance counting two swapped neighbours as one edit (optimal string alignment: "agnet" is one from
 * "agent", the commonest slip of a typing hand), three rows at a time.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates nearest to `input`, nearest first: those containing it (or contained in it) rank before those
 * a few edits away, the closest in length first; beyond a third of the input's length in edits nothing is "close".
 */
export function closeMatches(input: string, candidates: readonly string[], max = 5): string[] {
  // Beyond a few times the longest candidate nothing is close, and the edit distance (length x length) must not
  // grow with whatever length arrives: the search stays linear in the input and bounded per candidate.
  const longest = candidates.reduce((most, candidate) => Math.max(most, candidate.length), 0);
  if (input.length > MAX_COMPARED_CHARS + longest) return [];
  const wanted = input.trim().toLowerCase();
  if (!wanted || wanted.length > MAX_COMPARED_CHARS) return [];
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((candidate, index) => {
      const name = candidate.toLowerCase();
      const contains = name.includes(wanted) || wanted.includes(name);
      // Containing matches score below 1 (any edit), nearer in length lower.
      const lengthGap = Math.abs(name.length - wanted.length) / (name.length + wanted.length);
      return { candidate, index, score: contains ? lengthGap : editDistance(wanted, name) };
    })
    .filter((match) => match.score <= limit)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, max)
    .map((match) => match.candidate);
}
