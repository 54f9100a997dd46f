/**
 * Short text from registry prose: descriptions in tools/list are paid for in every conversation, so they carry
 * the first clause of a registry text, and the whole text stays in wolkvox://reports/{id}.
 */

/** The first sentence or clause of a text without its asides in parentheses, cut at a word to `max` characters. */
export function firstClause(text: string, max: number): string {
  const plain = text.replace(/\s*\([^()]*\)/g, '');
  const clause = plain
    .split(/;\s|\.\s/)[0]!
    .trim()
    .replace(/[.,:;]$/, '');
  if (clause.length <= max) return clause;
  const cut = clause.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;(]+$/, '')}…`;
}

/** As many whole sentences of a text (asides in parentheses dropped) as fit in `max`; at least a cut first one. */
export function leadSentences(text: string, max: number): string {
  const sentences = text
    .replace(/\s*\([^()]*\)/g, '')
    .split(/(?<=\.)\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  let lead = '';
  for (const sentence of sentences) {
    const next = lead ? `${lead} ${sentence}` : sentence;
    if (next.length > max) break;
    lead = next;
  }
  return lead || `${firstClause(text, max)}.`;
}
