/**
 * The search behind list_reports: a report's words in three tiers (id and titles, then category, toolset and
 * questions, then description, field and parameter names and what each field means), matched by word or word
 * start, accents and case folded, so that "transferencias", "Transfers" and "código" find what they name.
 *
 * Ranking is by meaning, not by count of words: a query word weighs by its tier and by how rare it is among the
 * reports (inverse document frequency), so "talk time per campaign" is led by the reports about campaigns, not by
 * the 126 that mention a time; only the hits near the best are answered, each with the words that matched and
 * where. A query whose words are in no report is read again with each word's nearest spelling in the catalog.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { reportToolName } from '../../catalog/names.js';
import { editDistance } from '../../catalog/suggest.js';
import { fold } from '../../results/values.js';
import type { ListReportsArgs } from './schema.js';

/**
 * A report's searchable words in three tiers: a query word found in a stronger tier ranks the report higher.
 * Words, not substrings, so that "id" finds agent_id but not "transferido".
 */
export interface Haystack {
  names: string[];
  strong: string[];
  medium: string[];
  weak: string[];
}

const TIERS = [
  ['strong', 3, 'title'],
  ['medium', 2, 'questions'],
  ['weak', 1, 'fields'],
] as const;

/** Words that carry no meaning in a query, in English and Spanish ("per", "por", "the", "de"...). */
const STOP_WORDS = new Set(
  (
    'a an and are as at by de del did do does el en for from how in is it la las los me my of on or per por ' +
    'para que show the to what which who with y con un una give get list report reports reporte reportes'
  ).split(' '),
);

/** A hit's score must reach this share of the best one's to be answered: the rest match only common words. */
const RELEVANT_SHARE = 0.5;

/** Contact-center abbreviations a text may use where a query spells the words out ("AHT" in agent_1's questions). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  aht: 'average handle time',
  asa: 'average speed of answer',
  ata: 'average time to abandon',
  att: 'average talk time',
  acw: 'after call work',
  tmo: 'tiempo medio operativo average handling time',
  rpc: 'right party contact',
  ivr: 'interactive voice response',
  cdr: 'call detail record',
};

/**
 * The words of a text, folded; `agent_id` gives `agent_id`, `agent` and `id` (ids are searched whole too), and an
 * abbreviation its words.
 */
function words(text: string): string[] {
  const whole = fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  const parts = whole.flatMap((word) => word.split('_').filter(Boolean));
  const spelled = parts.flatMap((word) =>
    Object.hasOwn(ABBREVIATIONS, word) ? ABBREVIATIONS[word]!.split(' ') : [],
  );
  return [...new Set([...whole, ...parts, ...spelled])];
}

export function haystack(report: AnyReport): Haystack {
  const meanings = Object.values(report.fields).map((spec) => spec.meaning);
  return {
    names: [fold(report.id), fold(reportToolName(report.id))],
    strong: words([report.id, report.title, report.titleEs ?? ''].join(' ')),
    medium: words([report.category, report.toolset, ...report.questions].join(' ')),
    weak: words(
      [report.description, ...Object.keys(report.fields), ...meanings, ...Object.keys(report.params)].join(
        ' ',
      ),
    ),
  };
}

/** The query word as matched: its singular when it ends in s ("llamadas" finds "llamada", "calls" "call"). */
const stem = (word: string) => (word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word);

/** Whether a tier holds a word starting with the query word ("transfer" finds "transfers", "transferencias"). */
function holds(tier: readonly string[], word: string): boolean {
  const wanted = stem(word);
  return tier.some((candidate) => candidate.startsWith(wanted));
}

/** The strongest tier holding the word, or undefined. */
function tierOf(hay: Haystack, word: string): (typeof TIERS)[number] | undefined {
  return TIERS.find(([tier]) => holds(hay[tier], word));
}

/** A report found: why (each query word that matched, and where), and how well. */
export interface SearchHit {
  report: AnyReport;
  /** `transfer (title)`, `campaign (questions)`, `talk (fields)`. */
  why: string[];
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Hits left out for matching only words most reports hold (counted, not answered). */
  weaker: number;
  /** Query words no report holds, each read as its nearest word in the catalog. */
  corrected: { from: string; to: string }[];
}

/** The query's meaningful words, folded. */
function queryWords(phrase: string): string[] {
  const all = phrase.split(/[^\p{L}\p{N}_]+/u).filter((word) => word.length > 1);
  const meaningful = all.filter((word) => !STOP_WORDS.has(word));
  return meaningful.length ? meaningful : all;
}

/** The catalog's word nearest a query word no report holds (a few letters off), if any. */
function nearestWord(word: string, vocabulary: ReadonlySet<string>): string | undefined {
  if (word.length < 4) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 4));
  let best: { word: string; distance: number } | undefined;
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance <= limit && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

/**
 * Reports matching the query, best first: the report named exactly (id or tool name) first, then by score (each
 * query word's tier weight times its rarity); only hits within reach of the best are answered.
 */
export function searchReports(
  reports: readonly AnyReport[],
  args: Omit<ListReportsArgs, 'limit' | 'offset'>,
  haystacks: ReadonlyMap<AnyReport, Haystack> = new Map(),
): SearchResult {
  const phrase = fold(args.query ?? '').trim();
  const category = args.category ? fold(args.category) : undefined;
  const pool = reports
    .filter(
      (report) =>
        (!args.toolset || report.toolset === args.toolset) &&
        (!category || fold(report.category).includes(category)),
    )
    .map((report) => ({ report, hay: haystacks.get(report) ?? haystack(report) }));
  let asked = queryWords(phrase);
  if (asked.length === 0)
    return { hits: pool.map(({ report }) => ({ report, why: [], score: 0 })), weaker: 0, corrected: [] };

  const everyHay = reports.map((report) => haystacks.get(report) ?? haystack(report));
  const corrected: SearchResult['corrected'] = [];
  const exactly = (hay: Haystack) => hay.names.includes(phrase);
  if (!pool.some(({ hay }) => exactly(hay))) {
    let vocabulary: Set<string> | undefined;
    asked = asked.map((word) => {
      if (everyHay.some((hay) => tierOf(hay, word))) return word;
      vocabulary ??= new Set(everyHay.flatMap((hay) => [...hay.strong, ...hay.medium, ...hay.weak]));
      const near = nearestWord(word, vocabulary);
      if (near === undefined) return word;
      corrected.push({ from: word, to: near });
      return near;
    });
  }
  // Rarity over the whole catalog, so a toolset or category filter ranks the same way.
  const rarity = new Map(
    asked.map((word) => {
      const holding = everyHay.filter((hay) => tierOf(hay, word)).length;
      return [word, Math.log(1 + reports.length / Math.max(1, holding))];
    }),
  );
  const scored = pool.map(({ report, hay }, index) => {
    const why: string[] = [];
    let score = 0;
    for (const word of asked) {
      const tier = tierOf(hay, word);
      if (!tier) continue;
      why.push(`${word} (${tier[2]})`);
      score += tier[1] * rarity.get(word)!;
    }
    return { report, why, score, index, exact: exactly(hay) };
  });
  const found = scored
    .filter((hit) => hit.exact || hit.score > 0)
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.index - b.index);
  const best = found.find((hit) => !hit.exact)?.score ?? 0;
  const relevant = found.filter((hit) => hit.exact || hit.score >= RELEVANT_SHARE * best);
  return {
    hits: relevant.map(({ report, why, score }) => ({ report, why, score: Math.round(score * 100) / 100 })),
    weaker: found.length - relevant.length,
    corrected,
  };
}
