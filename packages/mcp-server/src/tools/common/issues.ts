/**
 * What a refused call says back, bounded: the SDK writes every issue's path and message into the isError text,
 * and a path holds names the caller wrote (an unknown argument, a filter column). A megabyte name or a hundred
 * thousand unknown ones must not come back whole: the reply keeps its 25,000-character promise.
 */
import { MAX_NAME_CHARS } from './controls.js';
import { callerKey } from './prototype-names.js';

/** More problems than this are summed up in one: the first ones are what to fix first anyway. */
export const MAX_ISSUES = 20;
const MAX_MESSAGE_CHARS = 600;

interface Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

function boundedSegment(segment: PropertyKey | { readonly key: PropertyKey }): PropertyKey {
  const key = callerKey(typeof segment === 'object' && segment !== null ? segment.key : segment);
  return typeof key === 'string' ? cut(key, MAX_NAME_CHARS) : key;
}

/** The issues as they may be shown: names and messages cut short, and at most MAX_ISSUES of them. */
export function boundedIssues<T extends Issue>(issues: readonly T[]): Issue[] {
  const shown: Issue[] = issues.slice(0, MAX_ISSUES).map((issue) => ({
    message: cut(issue.message, MAX_MESSAGE_CHARS),
    ...(issue.path ? { path: issue.path.slice(0, 8).map(boundedSegment) } : {}),
  }));
  if (issues.length > MAX_ISSUES) {
    shown.push({ message: `and ${issues.length - MAX_ISSUES} more problems of the same kinds` });
  }
  return shown;
}
