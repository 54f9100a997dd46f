/**
 * The server's name and version as MCP `serverInfo` carries them: apart from the SDK wiring, so that the banner
 * can say them without loading the SDK.
 */
export const SERVER_NAME = 'wolkvox-mcp';
export { VERSION as SERVER_VERSION } from '../config/version.js';
