/**
 * Why an export was not written, as a tool's error answer: a query process's limit or failure in its own words, the
 * exports folder that cannot be written, or a server without exports.
 */
import type { Logger } from '../../logging/logger.js';
import { QueryFailure } from '../../query/errors.js';
import { ExportPlaceError } from './export.js';
import type { ToolReply } from './types.js';

export function exportFailure(tool: string, error: unknown, logger?: Logger): ToolReply {
  if (error === undefined) {
    return {
      text: `${tool}: format: this server keeps no exports (no folder was configured for them); answer without format.`,
      isError: true,
    };
  }
  if (error instanceof QueryFailure || error instanceof ExportPlaceError) {
    logger?.warn({ tool, kind: error instanceof QueryFailure ? error.kind : 'place' }, 'export failed');
    return { text: `${tool}: format: ${error.message}\nNo file was kept.`, isError: true };
  }
  throw error;
}
