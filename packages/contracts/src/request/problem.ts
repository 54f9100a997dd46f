import { z } from 'zod';

/**
 * One thing wrong with a request or an option, in the caller's terms: the field (`from`, `campaign_id`,
 * `params.cod_act`, `date_ini` on the wire), the rule it breaks, and optionally what to send instead. The
 * contracts, the client, the MCP server and the emulator all report problems in this one shape; the emulator
 * sends it in its refusals (`problems`), and the client reads them back with this schema.
 */
export const problemSchema = z.object({
  field: z.string().describe('The field or parameter at fault (on the wire: date_ini, campaign_id)'),
  rule: z.string().describe('The rule it breaks'),
  hint: z.string().optional().describe('What to send instead'),
});

export type Problem = z.infer<typeof problemSchema>;

/** What a problem's zod issue carries in `params`, so the rule and the hint survive as separate parts. */
export interface ProblemParams {
  rule: string;
  hint?: string;
}

/** A problem as one line of text: `field: rule (hint)`. */
function describeProblem(problem: Problem): string {
  return `${problem.field}: ${problem.rule}${problem.hint ? ` (${problem.hint})` : ''}`;
}

export function describeProblems(problems: readonly Problem[]): string {
  return problems.map(describeProblem).join('; ');
}

/** The zod issue message of a problem: what a reader of the issue alone (the MCP SDK's error text) sees. */
export function issueMessage(problem: ProblemParams): string {
  return problem.hint ? `${problem.rule} (${problem.hint})` : problem.rule;
}

/**
 * Turns zod issues into problems. A value missing where one is required is "is required" whatever the schema's
 * own type message says; `rename` maps a path's first name to the caller's (the wire's date_ini is `from`).
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  rename: Readonly<Record<string, string>> = {},
): Problem[] {
  const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  return issues.map((issue) => {
    const [first, ...rest] = issue.path.map(String);
    const field = first === undefined ? '(request)' : [rename[first] ?? first, ...rest].join('.');
    const params = (issue as { params?: Partial<ProblemParams> }).params;
    if (params?.rule !== undefined) {
      return { field, rule: params.rule, ...(params.hint === undefined ? {} : { hint: params.hint }) };
    }
    const missing = issue.path.length === 1 && first !== undefined && given[first] === undefined;
    // A schema's own type message ("expected string, received undefined") says less than this.
    const rule = missing && !issue.message.startsWith('is required') ? 'is required' : issue.message;
    return { field, rule };
  });
}
