/**
 * Tools as plain data. A definition carries everything a protocol layer needs to list and call a tool (name,
 * title, description, JSON Schemas, annotations) plus two SDK-independent functions: `parse` checks arguments
 * and says what to change, `run` answers. Only src/sdk/ turns these into MCP SDK registrations.
 */

/** A JSON Schema object, as tools/list carries it. */
export type JsonSchema = { [key: string]: unknown };

/** One thing wrong with the arguments: which argument and what to change. */
export interface Problem {
  /** The argument's path, e.g. `from`, `filter.agent_id`, `params.campaign_id`. */
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export interface ToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** What a tool run may use from the request it serves. */
export interface ToolContext {
  /** Aborted when the caller cancels the request or goes away. */
  signal: AbortSignal;
  /** Reports progress to the caller; absent when the caller asked for none. */
  progress?: (update: ToolProgress) => void;
}

/** A tool's answer: text for the assistant, structured content matching the output schema, or an error. */
export interface ToolAnswer {
  text: string;
  structured?: Record<string, unknown>;
  isError?: boolean;
}

/** destructiveHint is left out: MCP reads it only when readOnlyHint is false, and it costs bytes in every tool. */
export interface ToolAnnotationsData {
  readOnlyHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<Args = unknown> {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  annotations: ToolAnnotationsData;
  /** Checks raw arguments; problems name the argument and say what is expected. */
  parse(args: unknown): Parsed<Args>;
  run(args: Args, context: ToolContext): Promise<ToolAnswer>;
}

/** Every wolkvox tool reads a remote system and changes nothing. */
export const READ_ONLY_ANNOTATIONS: ToolAnnotationsData = {
  readOnlyHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
